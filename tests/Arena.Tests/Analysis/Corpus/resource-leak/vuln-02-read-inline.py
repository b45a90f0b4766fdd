content = open(filename, "r").read()
words = content.split()
print(f"{filename} contains {len(words)} words")
