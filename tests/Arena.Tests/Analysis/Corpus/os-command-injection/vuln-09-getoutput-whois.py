import subprocess
import sys


def whois(domain):
    return subprocess.getoutput(f"whois {domain}")


if __name__ == "__main__":
    print(whois(sys.argv[1]))
