import requests


def get_devices(base_url, token):
    resp = requests.get(
        f"{base_url}/api/devices",
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    )
    resp.raise_for_status()
    return resp.json()
