import os

import requests

CA_BUNDLE = os.environ.get("REQUESTS_CA_BUNDLE", True)


def push_metrics(url, metrics):
    return requests.post(url, json=metrics, verify=CA_BUNDLE, timeout=5)
