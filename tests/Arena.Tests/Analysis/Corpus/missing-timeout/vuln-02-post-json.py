response = requests.post("https://api.example.com/v1/items", json=item, headers=headers)
response.raise_for_status()
print(response.json()["id"])
