session = requests.Session()
session.verify = False
resp = session.get(f"{base}/metrics", timeout=5)
