import subprocess as sp

commit = sp.check_output(["git", "rev-parse", "HEAD"], text=True).strip()
print(commit)
