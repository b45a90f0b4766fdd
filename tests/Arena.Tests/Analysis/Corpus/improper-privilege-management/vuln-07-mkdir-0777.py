import os
import sys


def ensure_spool(path):
    if not os.path.isdir(path):
        os.mkdir(path, 0o777)
    return path


if __name__ == "__main__":
    ensure_spool(sys.argv[1])
