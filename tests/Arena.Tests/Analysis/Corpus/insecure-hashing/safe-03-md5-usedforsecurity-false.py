import hashlib
import json
import os

CACHE_DIR = os.path.expanduser("~/.cache/myapp")


def cache_path(url, params):
    raw = (url + json.dumps(params, sort_keys=True)).encode()
    key = hashlib.md5(raw, usedforsecurity=False).hexdigest()
    return os.path.join(CACHE_DIR, key + ".json")
