os.makedirs(cache_dir, mode=0o700, exist_ok=True)
