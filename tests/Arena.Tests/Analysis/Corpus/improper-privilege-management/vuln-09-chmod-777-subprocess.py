import subprocess


def open_up(path):
    subprocess.run(["chmod", "-R", "777", path], check=True)
