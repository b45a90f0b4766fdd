import os


def load_plugins(folder):
    namespace = {}
    for name in sorted(os.listdir(folder)):
        if name.endswith(".py"):
            path = os.path.join(folder, name)
            with open(path, encoding="utf-8") as fh:
                source = fh.read()
            exec(compile(source, path, "exec"), namespace)
    return namespace
