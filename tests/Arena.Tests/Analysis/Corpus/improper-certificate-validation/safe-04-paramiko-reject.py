import os

import paramiko


def remote_uptime(host):
    client = paramiko.SSHClient()
    client.load_system_host_keys()
    client.set_missing_host_key_policy(paramiko.RejectPolicy())
    client.connect(host, username="deploy", key_filename=os.path.expanduser("~/.ssh/id_ed25519"))
    try:
        _, stdout, _ = client.exec_command("uptime")
        return stdout.read().decode()
    finally:
        client.close()
