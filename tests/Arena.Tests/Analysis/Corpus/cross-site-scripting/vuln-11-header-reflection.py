ua = request.headers.get("User-Agent", "")
return f"<footer>Your browser: {ua}</footer>"
