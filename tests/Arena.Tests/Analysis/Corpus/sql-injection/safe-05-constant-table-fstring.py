import sqlite3
from contextlib import closing

TABLE = "events"
COLUMNS = "id, kind, created_at"


def recent_events(db_path, limit):
    with closing(sqlite3.connect(db_path)) as conn:
        return conn.execute(f"SELECT {COLUMNS} FROM {TABLE} ORDER BY created_at DESC LIMIT ?", (limit,)).fetchall()
