import random

from flask import Flask, jsonify, request

app = Flask(__name__)
RESET_CODES = {}


@app.post("/forgot")
def forgot():
    email = request.form["email"]
    reset_code = str(random.random())[2:10]
    RESET_CODES[email] = reset_code
    return jsonify(sent=True)
