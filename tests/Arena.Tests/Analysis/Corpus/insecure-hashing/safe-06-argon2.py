ph = PasswordHasher()
stored = ph.hash(password)
ph.verify(stored, attempt)
