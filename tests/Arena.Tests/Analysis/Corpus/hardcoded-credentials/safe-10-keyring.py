import keyring
import paramiko


def connect(host, user):
    password = keyring.get_password("deploy", user)
    client = paramiko.SSHClient()
    client.load_system_host_keys()
    client.connect(host, username=user, password=password)
    return client
