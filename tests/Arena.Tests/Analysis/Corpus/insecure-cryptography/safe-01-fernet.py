from cryptography.fernet import Fernet


def make_box():
    key = Fernet.generate_key()
    return key, Fernet(key)


if __name__ == "__main__":
    key, box = make_box()
    token = box.encrypt(b"attack at dawn")
    print(box.decrypt(token))
