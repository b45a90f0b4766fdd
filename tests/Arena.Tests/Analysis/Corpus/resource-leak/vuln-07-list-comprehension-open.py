paths = sorted(glob.glob("notes/*.md"))
texts = [open(p, encoding="utf-8").read() for p in paths]
print(sum(len(t) for t in texts))
