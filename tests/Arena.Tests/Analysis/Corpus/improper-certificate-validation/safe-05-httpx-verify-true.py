client = httpx.Client(base_url=base_url, verify=True, timeout=10)
