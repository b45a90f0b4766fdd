import sqlite3
from contextlib import closing

from flask import Flask, jsonify, request

app = Flask(__name__)
DB_PATH = "app.db"


@app.route("/users")
def find_user():
    name = request.args.get("name", "")
    with closing(sqlite3.connect(DB_PATH)) as conn:
        rows = conn.execute("SELECT id, email FROM users WHERE name = ?", (name,)).fetchall()
    return jsonify([{"id": r[0], "email": r[1]} for r in rows])
