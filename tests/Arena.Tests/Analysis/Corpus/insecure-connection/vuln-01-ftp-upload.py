import ftplib
import os


def upload(host, local_path):
    with ftplib.FTP(host, timeout=30) as ftp:
        ftp.login(os.environ["FTP_USER"], os.environ["FTP_PASSWORD"])
        with open(local_path, "rb") as fh:
            ftp.storbinary(f"STOR {os.path.basename(local_path)}", fh)


if __name__ == "__main__":
    upload("files.example.com", "report.pdf")
