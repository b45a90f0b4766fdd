resp = requests.get("http://localhost:8000/healthz", timeout=2)
print("up" if resp.ok else "down")
