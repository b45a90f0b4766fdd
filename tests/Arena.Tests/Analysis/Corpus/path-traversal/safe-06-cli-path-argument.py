import argparse
import os


def main():
    parser = argparse.ArgumentParser(description="Print a file from the notes directory")
    parser.add_argument("name")
    args = parser.parse_args()
    with open(os.path.join(os.path.expanduser("~/notes"), args.name), encoding="utf-8") as fh:
        print(fh.read())


if __name__ == "__main__":
    main()
