import requests

API_KEY = "sk-live-51H8xY2eZvKYlo2C0aB3dE4fG7hJ9kL"


def create_customer(email):
    resp = requests.post(
        "https://api.payments.example.com/v1/customers",
        headers={"Authorization": f"Bearer {API_KEY}"},
        data={"email": email},
        timeout=10,
    )
    return resp.json()["id"]
