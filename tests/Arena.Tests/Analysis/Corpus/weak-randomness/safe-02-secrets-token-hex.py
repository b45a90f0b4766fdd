token = secrets.token_hex(32)
session_store[token] = user_id
