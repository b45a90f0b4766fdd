import argparse
import shutil
import tempfile


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--keep", action="store_true", help="keep the scratch directory (created under /tmp)")
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="build-")
    print(f"working in {work}")
    if not args.keep:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
