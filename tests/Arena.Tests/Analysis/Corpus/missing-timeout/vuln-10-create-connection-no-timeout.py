with socket.create_connection((host, port)) as sock:
    sock.sendall(b"PING\r\n")
    reply = sock.recv(64)
