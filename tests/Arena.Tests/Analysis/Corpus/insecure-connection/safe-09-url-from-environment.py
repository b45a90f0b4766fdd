import os

import requests

SERVICE_URL = os.environ["SERVICE_URL"]


def status():
    return requests.get(f"{SERVICE_URL}/status", timeout=5).json()
