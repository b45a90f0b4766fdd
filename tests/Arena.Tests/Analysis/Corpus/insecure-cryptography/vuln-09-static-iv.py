from Crypto.Cipher import AES
from Crypto.Util.Padding import pad

IV = b"\x00" * 16


def encrypt_record(key: bytes, record: bytes) -> bytes:
    cipher = AES.new(key, AES.MODE_CBC, iv=IV)
    return cipher.encrypt(pad(record, AES.block_size))
