import base64

from Crypto.Cipher import AES
from Crypto.Random import get_random_bytes
from Crypto.Util.Padding import pad


class TokenEncryptor:
    def __init__(self, key=None):
        self.key = key or get_random_bytes(32)

    def encrypt(self, text: str) -> str:
        cipher = AES.new(self.key, AES.MODE_ECB)
        return base64.b64encode(cipher.encrypt(pad(text.encode(), AES.block_size))).decode()
