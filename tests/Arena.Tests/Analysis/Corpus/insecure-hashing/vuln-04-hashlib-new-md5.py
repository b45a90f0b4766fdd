h = hashlib.new("md5")
h.update(token.encode())
signature = h.hexdigest()
