import argparse


def count_lines(path):
    f = open(path, encoding="utf-8")
    total = 0
    for line in f:
        if line.strip():
            total += 1
    return total


def main():
    parser = argparse.ArgumentParser(description="Count non-empty lines in a file")
    parser.add_argument("file")
    args = parser.parse_args()
    print(count_lines(args.file))


if __name__ == "__main__":
    main()
