import subprocess


def disk_report():
    """Print filesystems sorted by usage."""
    subprocess.run("df -h | sort -k5 -r", shell=True, check=True)


if __name__ == "__main__":
    disk_report()
