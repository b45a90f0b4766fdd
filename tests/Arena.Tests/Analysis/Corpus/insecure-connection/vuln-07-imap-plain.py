import imaplib
import os


def unread_count(host):
    mail = imaplib.IMAP4(host)
    mail.login(os.environ["MAIL_USER"], os.environ["MAIL_PASSWORD"])
    mail.select("INBOX")
    _, data = mail.search(None, "UNSEEN")
    mail.logout()
    return len(data[0].split())
