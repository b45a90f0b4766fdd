import json


def read_settings(path):
    f = open(path)
    data = f.read()
    settings = json.loads(data)
    f.close()
    return settings


def get_setting(path, key, default=None):
    return read_settings(path).get(key, default)
