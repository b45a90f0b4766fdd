cursor.execute("SELECT * FROM users WHERE username = '%s' AND active = 1" % username)
user = cursor.fetchone()
