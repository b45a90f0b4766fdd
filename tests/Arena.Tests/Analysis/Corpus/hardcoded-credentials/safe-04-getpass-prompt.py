import getpass
import smtplib
import ssl


def main():
    user = input("Gmail address: ")
    password = getpass.getpass("App password: ")
    with smtplib.SMTP_SSL("smtp.gmail.com", 465, context=ssl.create_default_context(), timeout=30) as server:
        server.login(user, password)
        print("logged in")


if __name__ == "__main__":
    main()
