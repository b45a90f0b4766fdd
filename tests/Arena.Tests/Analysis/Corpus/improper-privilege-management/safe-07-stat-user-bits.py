import os
import stat


def protect(path):
    os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)
