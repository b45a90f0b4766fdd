import hashlib
import sqlite3
from contextlib import closing


def register(db_path, username, password):
    pw_hash = hashlib.md5(password.encode()).hexdigest()
    with closing(sqlite3.connect(db_path)) as conn:
        conn.execute("INSERT INTO users (name, pw) VALUES (?, ?)", (username, pw_hash))
        conn.commit()
