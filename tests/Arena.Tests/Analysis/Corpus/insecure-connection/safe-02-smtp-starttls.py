import os
import smtplib
import ssl
from email.message import EmailMessage


def send_alert(to_addr, body):
    msg = EmailMessage()
    msg["From"] = "alerts@example.com"
    msg["To"] = to_addr
    msg["Subject"] = "Alert"
    msg.set_content(body)
    with smtplib.SMTP("smtp.example.com", 587, timeout=30) as server:
        server.starttls(context=ssl.create_default_context())
        server.login(os.environ["SMTP_USER"], os.environ["SMTP_PASSWORD"])
        server.send_message(msg)
