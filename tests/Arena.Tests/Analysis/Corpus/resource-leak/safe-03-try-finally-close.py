def read_settings(path):
    f = open(path)
    try:
        data = f.read()
        return dict(line.split("=", 1) for line in data.splitlines() if "=" in line)
    finally:
        f.close()


if __name__ == "__main__":
    print(read_settings("app.env"))
