from Crypto.Cipher import ARC4

cipher = ARC4.new(session_key)
encrypted = cipher.encrypt(message.encode())
