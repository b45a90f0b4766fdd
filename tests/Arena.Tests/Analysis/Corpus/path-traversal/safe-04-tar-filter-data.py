import sys
import tarfile


def unpack(archive, dest):
    with tarfile.open(archive) as tar:
        tar.extractall(dest, filter="data")


if __name__ == "__main__":
    unpack(sys.argv[1], sys.argv[2])
