import sqlite3
from contextlib import closing


def init_cache():
    with closing(sqlite3.connect("/dev/shm/app-cache.db")) as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS cache (k TEXT PRIMARY KEY, v BLOB)")
        conn.commit()
