with closing(urlopen(req, timeout=15)) as resp:
    body = resp.read()
