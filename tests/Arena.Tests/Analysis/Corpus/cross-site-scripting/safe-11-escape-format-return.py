    raw = request.form["age"]
    if not raw.isdigit():
        return "<p>Invalid age: {}</p>".format(escape(raw)), 400
