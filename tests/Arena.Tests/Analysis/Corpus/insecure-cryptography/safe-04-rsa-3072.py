from cryptography.hazmat.primitives.asymmetric import rsa

KEY_SIZE = 3072


def generate_keypair():
    private_key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_SIZE)
    return private_key, private_key.public_key()
