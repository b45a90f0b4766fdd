import datetime


def open_log(path):
    """Open the application log for appending; the caller owns the handle."""
    return open(path, "a", encoding="utf-8")


def log(message, path="app.log"):
    with open_log(path) as fh:
        fh.write(f"{datetime.datetime.now().isoformat()} {message}\n")


if __name__ == "__main__":
    log("started")
