import subprocess

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/ping")
def ping():
    host = request.args.get("host", "")
    result = subprocess.run(["ping", "-c", "1", "--", host], capture_output=True, timeout=10)
    return jsonify({"host": host, "reachable": result.returncode == 0})


if __name__ == "__main__":
    app.run()
