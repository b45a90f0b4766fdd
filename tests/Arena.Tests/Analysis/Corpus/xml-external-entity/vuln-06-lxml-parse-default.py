import sys

from lxml import etree


def count_nodes(path):
    tree = etree.parse(path)
    return sum(1 for _ in tree.iter())


if __name__ == "__main__":
    print(count_nodes(sys.argv[1]))
