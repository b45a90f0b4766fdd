with smtplib.SMTP_SSL("smtp.example.com", 465, timeout=30) as server:
    server.login("alerts@example.com", "Tr0ub4dor&3")
    server.send_message(msg)
