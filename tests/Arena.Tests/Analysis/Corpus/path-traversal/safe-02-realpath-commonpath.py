base = os.path.realpath(BASE_DIR)
path = os.path.realpath(os.path.join(base, request.args["file"]))
if os.path.commonpath([base, path]) != base:
    abort(403)
with open(path, encoding="utf-8") as f:
    content = f.read()
