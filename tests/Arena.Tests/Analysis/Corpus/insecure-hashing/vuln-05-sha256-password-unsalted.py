import hashlib


class UserStore:
    def __init__(self):
        self.users = {}

    def add_user(self, username, password):
        self.users[username] = hashlib.sha256(password.encode("utf-8")).hexdigest()

    def check(self, username, password):
        return self.users.get(username) == hashlib.sha256(password.encode("utf-8")).hexdigest()
