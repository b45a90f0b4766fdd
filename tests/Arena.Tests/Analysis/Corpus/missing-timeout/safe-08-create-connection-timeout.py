with socket.create_connection((host, port), timeout=3) as sock:
    sock.sendall(b"PING\r\n")
    reply = sock.recv(64)
