class EchoClient:
    def __init__(self, host, port):
        self.host = host
        self.port = port

    def send(self, message):
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.connect((self.host, self.port))
        sock.sendall(message.encode())
        return sock.recv(1024).decode()
