import json
import os


def save_session(user_id, data):
    path = os.path.join("/tmp", f"{user_id}.json")
    with open(path, "w") as fh:
        json.dump(data, fh)
    return path
