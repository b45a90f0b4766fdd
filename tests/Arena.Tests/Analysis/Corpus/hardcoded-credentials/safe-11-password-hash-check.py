from flask import Flask, abort, jsonify, request
from werkzeug.security import check_password_hash, generate_password_hash

app = Flask(__name__)
USERS = {}


@app.post("/register")
def register():
    USERS[request.form["username"]] = generate_password_hash(request.form["password"])
    return jsonify(ok=True)


@app.post("/login")
def login():
    stored = USERS.get(request.form["username"])
    if stored is None or not check_password_hash(stored, request.form["password"]):
        abort(401)
    return jsonify(ok=True)
