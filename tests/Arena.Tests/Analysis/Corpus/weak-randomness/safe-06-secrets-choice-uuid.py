import secrets
import string
import uuid


def new_password(length=20):
    alphabet = string.ascii_letters + string.digits
    return "".join(secrets.choice(alphabet) for _ in range(length))


def request_id():
    return str(uuid.uuid4())
