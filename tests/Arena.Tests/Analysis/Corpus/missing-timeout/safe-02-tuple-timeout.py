response = requests.post("https://api.example.com/v1/items", json=item, timeout=(3.05, 27))
response.raise_for_status()
