key_path.write_bytes(pem)
os.chmod(key_path, 0o400)
