from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa


def generate_keypair():
    private_key = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    pem = private_key.private_bytes(
        encoding=serialization.Encoding.PEM,
        format=serialization.PrivateFormat.PKCS8,
        encryption_algorithm=serialization.NoEncryption(),
    )
    return pem, private_key.public_key()


if __name__ == "__main__":
    pem, _ = generate_keypair()
    print(pem.decode())
