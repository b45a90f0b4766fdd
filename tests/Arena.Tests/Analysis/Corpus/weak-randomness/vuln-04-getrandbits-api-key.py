from random import getrandbits


def new_api_key():
    return f"{getrandbits(128):032x}"
