output = os.popen("ls -la " + directory).read()
for line in output.splitlines()[1:]:
    print(line)
