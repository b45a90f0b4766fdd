import hashlib
import hmac
import os

ITERATIONS = 600_000


def hash_password(password: str) -> bytes:
    salt = os.urandom(16)
    return salt + hashlib.pbkdf2_hmac("sha256", password.encode(), salt, ITERATIONS)


def verify_password(password: str, stored: bytes) -> bool:
    salt, expected = stored[:16], stored[16:]
    actual = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, ITERATIONS)
    return hmac.compare_digest(actual, expected)
