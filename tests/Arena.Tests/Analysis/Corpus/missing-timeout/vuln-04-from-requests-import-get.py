from requests import get

r = get(feed_url, headers={"Accept": "application/json"})
entries = r.json()["entries"]
