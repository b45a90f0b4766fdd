def fetch_text(url):
    """Fetch URL as text. Unlike a bare requests.get(url), this never hangs."""
    return requests.get(url, timeout=5).text
