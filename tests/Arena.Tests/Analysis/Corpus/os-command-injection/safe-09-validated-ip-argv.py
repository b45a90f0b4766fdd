import ipaddress
import subprocess
import sys


def ping(host):
    addr = ipaddress.ip_address(host)
    return subprocess.run(["ping", "-c", "3", str(addr)], check=False).returncode


if __name__ == "__main__":
    sys.exit(ping(sys.argv[1]))
