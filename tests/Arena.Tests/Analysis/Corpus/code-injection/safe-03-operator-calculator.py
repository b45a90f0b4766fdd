import operator

OPS = {"+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv}


def apply(a, op, b):
    return OPS[op](float(a), float(b))


if __name__ == "__main__":
    import sys
    print(apply(sys.argv[1], sys.argv[2], sys.argv[3]))
