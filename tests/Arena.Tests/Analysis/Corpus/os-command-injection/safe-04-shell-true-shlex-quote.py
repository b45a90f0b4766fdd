import shlex
import subprocess


def backup(source, output):
    cmd = f"tar -czf {shlex.quote(output)} {shlex.quote(source)}"
    return subprocess.run(cmd, shell=True, check=True)


if __name__ == "__main__":
    import sys
    backup(sys.argv[1], sys.argv[2])
