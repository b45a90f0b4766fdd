resp = requests.get(f"http://inventory.example.net/items/{item_id}", timeout=5)
item = resp.json()
