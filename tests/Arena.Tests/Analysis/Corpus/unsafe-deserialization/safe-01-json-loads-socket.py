import json
import socketserver


class JobHandler(socketserver.StreamRequestHandler):
    def handle(self):
        job = json.loads(self.rfile.readline())
        self.wfile.write(json.dumps({"received": job.get("id")}).encode() + b"\n")


if __name__ == "__main__":
    with socketserver.TCPServer(("127.0.0.1", 9999), JobHandler) as server:
        server.serve_forever()
