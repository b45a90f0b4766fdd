os.umask(0)
with open(pid_file, "w") as fh:
    fh.write(str(os.getpid()))
