    q = request.args.get("q", "")
    if not results:
        return "<p>No results for <b>%s</b></p>" % q
