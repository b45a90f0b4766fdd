http = urllib3.PoolManager(cert_reqs="CERT_REQUIRED", ca_certs=certifi.where())
r = http.request("GET", url, timeout=5.0)
