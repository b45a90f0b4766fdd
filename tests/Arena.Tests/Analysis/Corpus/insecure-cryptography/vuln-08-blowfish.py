cipher = Blowfish.new(key, Blowfish.MODE_CBC)
ciphertext = cipher.iv + cipher.encrypt(pad(plaintext, Blowfish.block_size))
