import json
import urllib.request


def fetch(url):
    req = urllib.request.Request(url, headers={"User-Agent": "fetcher/1.0"})
    with urllib.request.urlopen(req) as resp:
        return json.load(resp)
