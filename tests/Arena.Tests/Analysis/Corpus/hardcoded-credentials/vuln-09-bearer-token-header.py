import requests

HEADERS = {
    "Accept": "application/vnd.github+json",
    "Authorization": "Bearer ghp_4f9Kq2LmN8xZ7vR1tY3uW6pS0aB5cD9eF2gH",
}


def list_repos(org):
    resp = requests.get(f"https://api.github.com/orgs/{org}/repos", headers=HEADERS, timeout=10)
    return [r["name"] for r in resp.json()]
