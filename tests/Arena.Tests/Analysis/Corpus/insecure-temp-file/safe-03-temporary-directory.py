import json
import os
import tempfile


def roundtrip(data):
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "data.json")
        with open(path, "w") as fh:
            json.dump(data, fh)
        with open(path) as fh:
            return json.load(fh)
