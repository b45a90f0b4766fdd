def connect_admin(host, user="admin", password=None):
    password = password or os.environ["ADMIN_PASSWORD"]
    client = AdminClient(host)
    client.login(user, password)
    return client
