with tempfile.SpooledTemporaryFile(max_size=10 * 1024 * 1024) as buf:
    buf.write(upload.read())
    buf.seek(0)
    process(buf)
