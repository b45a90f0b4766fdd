import hashlib
import time


def make_reset_token(user_id):
    raw = f"{user_id}:{time.time()}"
    return hashlib.md5(raw.encode()).hexdigest()
