def api_get(path, **kwargs):
    kwargs.setdefault("timeout", 10)
    return requests.get(f"https://api.example.com{path}", **kwargs)
