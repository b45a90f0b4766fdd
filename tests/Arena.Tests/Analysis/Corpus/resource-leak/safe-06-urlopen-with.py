with urlopen(url, timeout=10) as resp:
    payload = json.load(resp)
print(payload["version"])
