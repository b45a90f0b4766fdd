import os
import shutil


def deploy(src, dest_dir):
    os.makedirs(dest_dir, exist_ok=True)
    target = os.path.join(dest_dir, os.path.basename(src))
    shutil.copy2(src, target)
    os.chmod(target, 0o777)
    return target
