os.chmod(os.path.join(STATIC_DIR, "index.html"), 0o644)
