from werkzeug.security import check_password_hash, generate_password_hash


class User:
    def __init__(self, name, password):
        self.name = name
        self.pw_hash = generate_password_hash(password)

    def check(self, password):
        return check_password_hash(self.pw_hash, password)
