def validate_webhook_url(url: str) -> str:
    if not url.startswith("https://"):
        raise ValueError("refusing plain http:// webhook URLs")
    return url
