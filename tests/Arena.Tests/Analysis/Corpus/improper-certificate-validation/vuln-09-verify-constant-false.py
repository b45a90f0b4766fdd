import requests

VERIFY_SSL = False


def push_metrics(url, metrics):
    return requests.post(url, json=metrics, verify=VERIFY_SSL, timeout=5)
