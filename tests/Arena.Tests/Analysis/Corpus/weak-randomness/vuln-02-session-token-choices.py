token = "".join(random.choices(string.ascii_letters + string.digits, k=32))
session_store[token] = user_id
