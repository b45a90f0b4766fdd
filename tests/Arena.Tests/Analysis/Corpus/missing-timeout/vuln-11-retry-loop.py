import time

import requests


def get_with_retries(url, attempts=3):
    for attempt in range(attempts):
        try:
            resp = requests.get(url)
            resp.raise_for_status()
            return resp.json()
        except requests.RequestException:
            time.sleep(2 ** attempt)
    raise RuntimeError(f"giving up on {url}")
