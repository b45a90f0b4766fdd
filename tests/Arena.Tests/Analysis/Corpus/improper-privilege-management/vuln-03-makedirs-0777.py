import os

from flask import Flask

app = Flask(__name__)
UPLOAD_DIR = os.path.join(app.instance_path, "uploads")
os.makedirs(UPLOAD_DIR, mode=0o777, exist_ok=True)
