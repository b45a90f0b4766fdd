h = hashlib.new("sha256")
h.update(payload)
etag = h.hexdigest()
