import os

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/ping")
def ping():
    host = request.args.get("host", "")
    exit_code = os.system(f"ping -c 1 {host}")
    return jsonify({"host": host, "reachable": exit_code == 0})


if __name__ == "__main__":
    app.run()
