code = request.json["code"]
exec(code, {"__builtins__": __builtins__})
