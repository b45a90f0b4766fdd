import os
import sys


class SingleInstance:
    def __init__(self, name):
        self.lock_path = f"/tmp/{name}.lock"

    def acquire(self):
        if os.path.exists(self.lock_path):
            sys.exit("already running")
        with open(self.lock_path, "w") as fh:
            fh.write(str(os.getpid()))
