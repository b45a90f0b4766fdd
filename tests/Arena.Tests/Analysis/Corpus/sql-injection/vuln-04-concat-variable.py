query = "DELETE FROM orders WHERE id = " + order_id
cur.execute(query)
conn.commit()
