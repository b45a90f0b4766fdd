def make_filter(condition):
    src = f"def _filter(row):\n    return {condition}\n"
    scope = {}
    exec(src, scope)
    return scope["_filter"]


if __name__ == "__main__":
    keep = make_filter("row['age'] > 30")
    print(keep({"age": 40}))
