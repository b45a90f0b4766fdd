import json
import sys


def load_config(path="config.json"):
    """Load the JSON configuration file and return it as a dict."""
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


if __name__ == "__main__":
    cfg = load_config(sys.argv[1] if len(sys.argv) > 1 else "config.json")
    print(f"Loaded {len(cfg)} settings")
