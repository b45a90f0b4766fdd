mode = os.stat(path).st_mode & 0o777
print(f"{path}: {oct(mode)}")
