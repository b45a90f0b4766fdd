import subprocess


class DiskReport:
    def __init__(self, paths):
        self.paths = paths

    def usage(self, path):
        with subprocess.Popen(["du", "-sh", path], stdout=subprocess.PIPE, text=True) as proc:
            out, _ = proc.communicate()
        return out.split()[0]


if __name__ == "__main__":
    print(DiskReport(["."]).usage("."))
