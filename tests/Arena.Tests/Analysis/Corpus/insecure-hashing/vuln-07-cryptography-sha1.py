digest = hashes.Hash(hashes.SHA1())
digest.update(message)
fingerprint = digest.finalize()
