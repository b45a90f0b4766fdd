import os

from flask import Flask, jsonify, session

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ["FLASK_SECRET_KEY"]


@app.route("/visits")
def visits():
    session["n"] = session.get("n", 0) + 1
    return jsonify(visits=session["n"])


if __name__ == "__main__":
    app.run()
