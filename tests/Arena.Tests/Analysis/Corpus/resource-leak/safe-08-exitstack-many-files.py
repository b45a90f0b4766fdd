import contextlib
import sys


def merge(paths, out_path):
    with contextlib.ExitStack() as stack:
        files = [stack.enter_context(open(p, encoding="utf-8")) for p in paths]
        out = stack.enter_context(open(out_path, "w", encoding="utf-8"))
        for f in files:
            out.write(f.read())


if __name__ == "__main__":
    merge(sys.argv[1:-1], sys.argv[-1])
