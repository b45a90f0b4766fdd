private_key = ec.generate_private_key(ec.SECP256R1())
signature = private_key.sign(payload, ec.ECDSA(hashes.SHA256()))
