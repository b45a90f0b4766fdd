import os

import paramiko


def upload(host, local_path, remote_path):
    client = paramiko.SSHClient()
    client.load_system_host_keys()
    client.set_missing_host_key_policy(paramiko.RejectPolicy())
    client.connect(host, username=os.environ["SFTP_USER"], key_filename=os.path.expanduser("~/.ssh/id_ed25519"))
    try:
        with client.open_sftp() as sftp:
            sftp.put(local_path, remote_path)
    finally:
        client.close()
