import json
import os
from pathlib import Path


def save_credentials(data):
    path = Path.home() / ".myapp" / "credentials.json"
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(data, fh)
    os.chmod(path, 0o600)
    return path
