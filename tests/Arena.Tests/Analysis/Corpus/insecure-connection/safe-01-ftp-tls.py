import ftplib
import os


def upload(host, local_path):
    with ftplib.FTP_TLS(host, timeout=30) as ftp:
        ftp.login(os.environ["FTP_USER"], os.environ["FTP_PASSWORD"])
        ftp.prot_p()
        with open(local_path, "rb") as fh:
            ftp.storbinary(f"STOR {os.path.basename(local_path)}", fh)
