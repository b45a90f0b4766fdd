import requests


def download(url, dest):
    with requests.get(url, stream=True, timeout=None) as r:
        r.raise_for_status()
        with open(dest, "wb") as fh:
            for chunk in r.iter_content(chunk_size=8192):
                fh.write(chunk)
