http = urllib3.PoolManager(cert_reqs="CERT_NONE")
r = http.request("GET", url, timeout=5.0)
