TIMEOUT = 10

def create(payload):
    return requests.post(f"{BASE_URL}/orders", json=payload, timeout=TIMEOUT).json()
