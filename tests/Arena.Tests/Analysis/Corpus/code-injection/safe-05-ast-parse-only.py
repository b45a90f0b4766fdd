import ast
import sys


def count_functions(path):
    with open(path, encoding="utf-8") as fh:
        tree = ast.parse(fh.read(), filename=path)
    return sum(isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) for n in ast.walk(tree))


if __name__ == "__main__":
    print(count_functions(sys.argv[1]))
