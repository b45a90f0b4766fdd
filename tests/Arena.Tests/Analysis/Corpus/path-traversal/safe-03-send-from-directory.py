from flask import Flask, send_from_directory

app = Flask(__name__)


@app.route("/files/<path:name>")
def files(name):
    return send_from_directory("uploads", name)
