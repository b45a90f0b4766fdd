rows = [(r["name"], r["email"]) for r in records]
cur.executemany("INSERT INTO contacts (name, email) VALUES (?, ?)", rows)
conn.commit()
