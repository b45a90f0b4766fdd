import os
import poplib


def count_messages(host):
    box = poplib.POP3(host, timeout=20)
    box.user(os.environ["POP_USER"])
    box.pass_(os.environ["POP_PASSWORD"])
    count, _ = box.stat()
    box.quit()
    return count
