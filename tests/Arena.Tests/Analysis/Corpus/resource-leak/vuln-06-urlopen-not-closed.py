import json
from urllib.request import urlopen


def fetch_json(url):
    """Download a JSON document and decode it."""
    resp = urlopen(url, timeout=10)
    return json.loads(resp.read().decode("utf-8"))


if __name__ == "__main__":
    print(fetch_json("https://api.github.com/repos/python/cpython"))
