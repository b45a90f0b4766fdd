import socket


def send_metric(host, port, name, value):
    """Send one metric in the Graphite plaintext protocol."""
    with socket.create_connection((host, port), timeout=5) as sock:
        sock.sendall(f"{name} {value}\n".encode("ascii"))


if __name__ == "__main__":
    send_metric("127.0.0.1", 2003, "app.requests", 42)
