with open(os.path.join(BASE_DIR, request.args["file"]), encoding="utf-8") as f:
    content = f.read()
return jsonify(content=content)
