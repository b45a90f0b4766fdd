import subprocess


class DiskReport:
    """Report disk usage of directories."""

    def __init__(self, paths):
        self.paths = paths

    def usage(self, path):
        out = subprocess.check_output(f"du -sh {path}", shell=True, text=True)
        return out.split()[0]

    def report(self):
        return {p: self.usage(p) for p in self.paths}


if __name__ == "__main__":
    print(DiskReport(["."]).report())
