class CsvWriter:
    """Small CSV writer that owns its file handle."""

    def __init__(self, path):
        self._fh = open(path, "w", encoding="utf-8", newline="")

    def write_row(self, values):
        self._fh.write(",".join(str(v) for v in values) + "\n")

    def close(self):
        self._fh.close()

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        self.close()


if __name__ == "__main__":
    with CsvWriter("out.csv") as w:
        w.write_row(["id", "name"])
