workdir = tempfile.mkdtemp(prefix="thumbs-")
out_path = os.path.join(workdir, "thumb.png")
