import os

import requests

API_KEY = os.getenv("PAYMENTS_API_KEY")
if not API_KEY:
    raise SystemExit("set PAYMENTS_API_KEY")


def create_customer(email):
    resp = requests.post(
        "https://api.payments.example.com/v1/customers",
        headers={"Authorization": f"Bearer {API_KEY}"},
        data={"email": email},
        timeout=10,
    )
    return resp.json()["id"]
