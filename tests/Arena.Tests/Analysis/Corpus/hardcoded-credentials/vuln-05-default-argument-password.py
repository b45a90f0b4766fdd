def connect_admin(host, user="admin", password="admin123"):
    client = AdminClient(host)
    client.login(user, password)
    return client
