tls = ssl.wrap_socket(sock, cert_reqs=ssl.CERT_NONE)
tls.connect((host, 443))
