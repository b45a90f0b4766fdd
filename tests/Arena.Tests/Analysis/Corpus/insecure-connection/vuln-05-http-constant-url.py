API_URL = "http://payments.example.com/v2/charge"

def charge(payload):
    r = requests.post(API_URL, json=payload, timeout=5)
    return r.json()
