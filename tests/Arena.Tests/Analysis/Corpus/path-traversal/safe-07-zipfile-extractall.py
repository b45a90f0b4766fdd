with zipfile.ZipFile(zip_path) as zf:
    zf.extractall(dest)
