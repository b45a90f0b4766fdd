import marshal


def load_code(path):
    with open(path, "rb") as fh:
        return marshal.loads(fh.read())
