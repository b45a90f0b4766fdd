import os

import requests


def get_token():
    resp = requests.post(
        "https://auth.example.com/api/login",
        json={"user": os.environ["API_USER"], "password": os.environ["API_PASSWORD"]},
        timeout=10,
    )
    resp.raise_for_status()
    return resp.json()["token"]
