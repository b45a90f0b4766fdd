salt = random.randbytes(16)
pw_hash = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 600_000)
