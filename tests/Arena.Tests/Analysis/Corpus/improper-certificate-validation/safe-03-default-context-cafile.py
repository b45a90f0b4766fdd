import socket
import ssl


def fetch_cert(host, port=443, cafile=None):
    context = ssl.create_default_context(cafile=cafile)
    with socket.create_connection((host, port), timeout=5) as sock:
        with context.wrap_socket(sock, server_hostname=host) as tls:
            return tls.getpeercert()
