import json
import os
from hashlib import md5

CACHE_DIR = os.path.expanduser("~/.cache/myapp")


def cache_path(url, params):
    key = md5((url + json.dumps(params, sort_keys=True)).encode()).hexdigest()
    return os.path.join(CACHE_DIR, key + ".json")
