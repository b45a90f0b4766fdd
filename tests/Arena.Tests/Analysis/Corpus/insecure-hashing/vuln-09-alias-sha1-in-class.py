import hashlib as hl


class ApiSigner:
    def __init__(self, secret: bytes):
        self.secret = secret

    def sign(self, body: bytes) -> str:
        return hl.sha1(self.secret + body).hexdigest()
