cipher = AES.new(key, AES.MODE_GCM)
ciphertext, tag = cipher.encrypt_and_digest(data)
blob = cipher.nonce + tag + ciphertext
