salt = os.urandom(16)
hashed = hashlib.sha256(salt + password.encode()).hexdigest()
db.save_user(username, salt.hex(), hashed)
