from Crypto.Cipher import DES
from Crypto.Util.Padding import pad, unpad


def encrypt(data: bytes, key: bytes) -> bytes:
    cipher = DES.new(key, DES.MODE_CBC)
    return cipher.iv + cipher.encrypt(pad(data, DES.block_size))


def decrypt(blob: bytes, key: bytes) -> bytes:
    cipher = DES.new(key, DES.MODE_CBC, iv=blob[:8])
    return unpad(cipher.decrypt(blob[8:]), DES.block_size)
