import pickle
import socketserver


class JobHandler(socketserver.StreamRequestHandler):
    def handle(self):
        raw = self.rfile.read()
        job = pickle.loads(raw)
        self.wfile.write(repr(job.run()).encode())


if __name__ == "__main__":
    with socketserver.TCPServer(("127.0.0.1", 9999), JobHandler) as server:
        server.serve_forever()
