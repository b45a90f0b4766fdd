hashed = bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt(rounds=12))
ok = bcrypt.checkpw(attempt.encode("utf-8"), hashed)
