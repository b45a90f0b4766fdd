import json
import sys


def load_config(path="config.json"):
    """Load the JSON configuration file and return it as a dict."""
    return json.load(open(path))


if __name__ == "__main__":
    cfg = load_config(sys.argv[1] if len(sys.argv) > 1 else "config.json")
    print(f"Loaded {len(cfg)} settings")
