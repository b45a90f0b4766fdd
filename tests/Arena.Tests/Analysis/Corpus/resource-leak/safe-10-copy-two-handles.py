import shutil
import sys


def copy_file(src, dst):
    with open(src, "rb") as fin, open(dst, "wb") as fout:
        shutil.copyfileobj(fin, fout, length=1024 * 1024)


if __name__ == "__main__":
    copy_file(sys.argv[1], sys.argv[2])
