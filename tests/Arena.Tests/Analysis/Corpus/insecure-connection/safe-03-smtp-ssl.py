with smtplib.SMTP_SSL("smtp.gmail.com", 465, context=ssl.create_default_context(), timeout=30) as server:
    server.login(sender, app_password)
    server.sendmail(sender, [recipient], message.as_string())
