def apply(a, op, b):
    if op not in {"+", "-", "*", "/"}:
        raise ValueError("bad operator")
    return eval(f"{a} {op} {b}")


if __name__ == "__main__":
    import sys
    print(apply(sys.argv[1], sys.argv[2], sys.argv[3]))
