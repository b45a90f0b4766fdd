from Crypto.Hash import MD5


def fingerprint(public_key_bytes: bytes) -> str:
    h = MD5.new(public_key_bytes)
    return ":".join(f"{b:02x}" for b in h.digest())
