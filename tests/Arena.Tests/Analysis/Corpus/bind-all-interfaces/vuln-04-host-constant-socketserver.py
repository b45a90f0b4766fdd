import socketserver

HOST, PORT = "0.0.0.0", 9999


class EchoHandler(socketserver.BaseRequestHandler):
    def handle(self):
        self.request.sendall(self.request.recv(1024))


if __name__ == "__main__":
    with socketserver.TCPServer((HOST, PORT), EchoHandler) as server:
        server.serve_forever()
