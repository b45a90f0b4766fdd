import httpx


def latest_release(repo):
    r = httpx.get(f"https://api.github.com/repos/{repo}/releases/latest")
    r.raise_for_status()
    return r.json()["tag_name"]
