import os

import psycopg2


def get_orders(customer_id):
    conn = psycopg2.connect(
        host=os.environ.get("DB_HOST", "localhost"),
        dbname="shop",
        user="shop_app",
        password=os.environ["DB_PASSWORD"],
    )
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT id, total FROM orders WHERE customer_id = %s", (customer_id,))
            return cur.fetchall()
    finally:
        conn.close()
