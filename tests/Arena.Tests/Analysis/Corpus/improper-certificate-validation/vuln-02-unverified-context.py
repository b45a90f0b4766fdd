ctx = ssl._create_unverified_context()
with urllib.request.urlopen(url, context=ctx, timeout=10) as resp:
    data = resp.read()
