import httpx


class InternalApi:
    def __init__(self, base_url):
        self.client = httpx.Client(base_url=base_url, verify=False, timeout=10)

    def health(self):
        return self.client.get("/health").json()
