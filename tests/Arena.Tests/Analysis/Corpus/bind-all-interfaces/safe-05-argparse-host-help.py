import argparse
from http.server import HTTPServer, SimpleHTTPRequestHandler


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (use 0.0.0.0 to expose on the LAN)")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    HTTPServer((args.host, args.port), SimpleHTTPRequestHandler).serve_forever()


if __name__ == "__main__":
    main()
