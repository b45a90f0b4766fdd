from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import dsa


def sign(message: bytes):
    key = dsa.generate_private_key(key_size=1024)
    return key.sign(message, hashes.SHA256()), key.public_key()
