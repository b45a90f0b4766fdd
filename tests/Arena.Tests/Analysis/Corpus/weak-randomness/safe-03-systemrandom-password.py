import random
import string

_rng = random.SystemRandom()


def generate_password(length=16):
    alphabet = string.ascii_letters + string.digits
    return "".join(_rng.choice(alphabet) for _ in range(length))
