digest = hashlib.sha1(data).hexdigest()
if digest != expected_digest:
    raise ValueError("checksum mismatch")
