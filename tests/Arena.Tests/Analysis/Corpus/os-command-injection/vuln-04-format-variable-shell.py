import subprocess


def clone_repo(repo_url, dest):
    """Clone a git repository into DEST."""
    cmd = "git clone --depth 1 {} {}".format(repo_url, dest)
    subprocess.run(cmd, shell=True, check=True)
    return dest


if __name__ == "__main__":
    import sys
    clone_repo(sys.argv[1], sys.argv[2])
