import psycopg2


def get_orders(customer_id):
    conn = psycopg2.connect(
        host="db.internal",
        dbname="shop",
        user="shop_app",
        password="Sh0pP@ss2024",
    )
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT id, total FROM orders WHERE customer_id = %s", (customer_id,))
            return cur.fetchall()
    finally:
        conn.close()
