import os

import psycopg2


class OrderRepository:
    def __init__(self):
        self.conn = psycopg2.connect(os.environ["DATABASE_URL"])

    def by_status(self, status):
        with self.conn.cursor() as cur:
            cur.execute("SELECT id, total FROM orders WHERE status = '{}'".format(status))
            return cur.fetchall()
