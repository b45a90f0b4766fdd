import requests


class GitHubClient:
    def __init__(self, token):
        self.base = "https://api.github.com"
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"Bearer {token}"

    def user(self, login):
        resp = self.session.get(f"{self.base}/users/{login}")
        resp.raise_for_status()
        return resp.json()
