context = ssl.create_default_context()
context.minimum_version = ssl.TLSVersion.TLSv1
with socket.create_connection((host, 443), timeout=10) as sock:
    with context.wrap_socket(sock, server_hostname=host) as tls:
        print(tls.version())
