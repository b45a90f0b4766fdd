import os


def write_pid(pid_file):
    old = os.umask(0o077)
    try:
        with open(pid_file, "w") as fh:
            fh.write(str(os.getpid()))
    finally:
        os.umask(old)
