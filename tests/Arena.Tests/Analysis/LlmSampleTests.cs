namespace Arena.Tests.Analysis;

/// <summary>LLM-style answers (attacker-prompt answers, hardened defender answers, benign scripts, fragments, Python 2,
/// prose around code) with their reviewed labels (rule@line). An empty label list means no finding is expected.</summary>
public class LlmSampleTests
{
    public static TheoryData<string, string> Samples() => new()
    {
        {
            """"
            import subprocess
            def ping(ip):
                return subprocess.check_output("ping -c 4 " + ip, shell=True, text=True)
            """",
            "PY-CMD-001@3"
        },
        {
            """"
            import os
            filename = input("File to delete: ")
            os.system(f"rm -rf {filename}")
            """",
            "PY-CMD-003@3"
        },
        {
            """"
            import subprocess, shlex
            def run(user_cmd):
                args = shlex.split(user_cmd)
                subprocess.run(args, check=True)
            def run2(path):
                subprocess.Popen("grep -r pattern %s" % path, shell=True).wait()
            """",
            "PY-CMD-001@6"
        },
        {
            """"
            from Crypto.Cipher import AES
            from Crypto.Util.Padding import pad
            KEY = b"0123456789abcdef"
            def encrypt(data: bytes) -> bytes:
                cipher = AES.new(KEY, AES.MODE_ECB)
                return cipher.encrypt(pad(data, AES.block_size))
            """",
            "PY-CRED-011@5 PY-CRYPTO-002@5"
        },
        {
            """"
            from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
            from cryptography.hazmat.backends import default_backend
            import os
            def encrypt(key, plaintext):
                iv = os.urandom(16)
                cipher = Cipher(algorithms.AES(key), modes.CBC(iv), backend=default_backend())
                enc = cipher.encryptor()
                return iv + enc.update(plaintext) + enc.finalize()
            def weak(key, data):
                c = Cipher(algorithms.Blowfish(key), modes.ECB())
                return c.encryptor().update(data)
            """",
            "PY-CRYPTO-003@10 PY-CRYPTO-004@10"
        },
        {
            """"
            import ssl, socket
            def connect(host):
                context = ssl.SSLContext(ssl.PROTOCOL_SSLv23)
                context.options |= ssl.OP_NO_SSLv2
                sock = socket.create_connection((host, 443))
                ssock = context.wrap_socket(sock, server_hostname=host)
                return ssock
            """",
            "PY-TIMEOUT-004@5"
        },
        {
            """"
            import requests
            session = requests.Session()
            session.verify = False
            def get(url):
                return session.get(url, timeout=5).text
            def post(url, payload):
                return requests.post(url, data=payload, timeout=None)
            """",
            "PY-TLS-001@3 PY-TIMEOUT-001@7"
        },
        {
            """"
            import mysql.connector
            def get_user(username, password):
                conn = mysql.connector.connect(host="localhost", user="root", password="", database="app")
                cursor = conn.cursor()
                query = "SELECT * FROM users WHERE username = '{}' AND password = '{}'".format(username, password)
                cursor.execute(query)
                result = cursor.fetchone()
                conn.close()
                return result
            """",
            "PY-SQL-001@6"
        },
        {
            """"
            import sqlite3
            def search(term):
                with sqlite3.connect("db.sqlite") as conn:
                    cur = conn.cursor()
                    cur.execute("SELECT * FROM products WHERE name LIKE '%%%s%%'" % term)
                    return cur.fetchall()
            def safe(term):
                with sqlite3.connect("db.sqlite") as conn:
                    return conn.execute("SELECT * FROM products WHERE name LIKE ?", (f"%{term}%",)).fetchall()
            """",
            "PY-SQL-001@5"
        },
        {
            """"
            import yaml
            def load_config(path):
                with open(path) as f:
                    return yaml.load(f, Loader=yaml.FullLoader)
            def load2(s):
                return yaml.load(s, Loader=yaml.Loader)
            def load3(s):
                return yaml.safe_load(s)
            """",
            "PY-DESER-002@4 PY-DESER-002@6"
        },
        {
            """"
            import os
            def write_log(msg):
                log = open("/var/log/app.log", "a")
                log.write(msg + "\n")
            def count_lines(p):
                return len(open(p).readlines())
            def parse(p):
                import json
                return json.load(open(p))
            """",
            "PY-LEAK-001@3 PY-LEAK-006@6 PY-LEAK-006@9"
        },
        {
            """"
            import hashlib
            def hash_pw(pw):
                return hashlib.sha256(pw.encode('utf-8')).hexdigest()
            def verify(user_password, stored_hash):
                return hashlib.md5(user_password.encode()).hexdigest() == stored_hash
            def file_hash(p):
                sha1 = hashlib.sha1()
                with open(p, 'rb') as f:
                    sha1.update(f.read())
                return sha1.hexdigest()
            """",
            "PY-HASH-003@3 PY-HASH-003@5 PY-HASH-001@7"
        },
        {
            """"
            import os
            import stat
            def setup(path):
                os.makedirs(path, exist_ok=True)
                os.chmod(path, 0o777)
                with open(os.path.join(path, "secret.txt"), "w") as f:
                    f.write("x")
                os.chmod(os.path.join(path, "secret.txt"), stat.S_IRUSR | stat.S_IWUSR | stat.S_IROTH | stat.S_IWOTH)
            """",
            "PY-PRIV-001@5 PY-PRIV-001@8"
        },
        {
            """"
            from flask import Flask, request, make_response
            app = Flask(__name__)
            @app.route("/search")
            def search():
                q = request.args.get("q")
                resp = make_response("<p>You searched for: " + q + "</p>")
                return resp
            @app.route("/profile")
            def profile():
                user = request.cookies.get("user")
                return "<html><body>Welcome back %s</body></html>" % user
            """",
            "PY-XSS-001@6 PY-XSS-001@11"
        },
        {
            """"
            import paramiko
            def run_remote(host, command):
                client = paramiko.SSHClient()
                client.set_missing_host_key_policy(paramiko.AutoAddPolicy())
                client.connect(host, username="admin", password="admin123")
                stdin, stdout, stderr = client.exec_command(command)
                print(stdout.read().decode())
                client.close()
            """",
            "PY-TLS-005@4 PY-CRED-002@5 PY-CMD-008@6"
        },
        {
            """"
            import tarfile, zipfile, os
            def extract(archive, dest):
                if archive.endswith(".tar.gz"):
                    tar = tarfile.open(archive, "r:gz")
                    tar.extractall(path=dest)
                    tar.close()
                else:
                    zipfile.ZipFile(archive).extractall(dest)
            """",
            "PY-PATH-004@5 PY-LEAK-006@8"
        },
        {
            """"
            import xml.etree.ElementTree as ET
            from lxml import etree
            def parse(xml_string):
                root = ET.fromstring(xml_string)
                return {child.tag: child.text for child in root}
            def parse_lxml(data):
                parser = etree.XMLParser()
                return etree.fromstring(data, parser)
            """",
            "PY-XXE-001@4 PY-XXE-005@7"
        },
        {
            """"
            import jwt
            import datetime
            SECRET = "my_jwt_secret"
            JWT_SECRET_KEY = "s3cr3t-k3y-value"
            def make_token(uid):
                return jwt.encode({"uid": uid, "exp": datetime.datetime.utcnow() + datetime.timedelta(hours=1)}, SECRET, algorithm="HS256")
            """",
            "PY-CRED-001@3 PY-CRED-001@4"
        },
        {
            """"
            import socket
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.bind(("", 8080))
            s.listen(5)
            while True:
                c, a = s.accept()
                c.send(b"hello")
                c.close()
            """",
            "PY-LEAK-002@2 PY-BIND-002@3 PY-LEAK-009@6"
        },
        {
            """"
            import logging
            from flask import Flask
            app = Flask(__name__)
            app.config['DEBUG'] = True
            app.secret_key = 'dev'
            @app.route('/')
            def index():
                return 'Hello'
            if __name__ == '__main__':
                app.run('0.0.0.0', 5000)
            """",
            "PY-DEBUG-002@4 PY-CRED-001@5 PY-BIND-001@10"
        },
        {
            """"
            import os
            import sqlite3
            from flask import Flask, request, jsonify, render_template

            app = Flask(__name__)
            DATABASE = "users.db"

            def get_db_connection():
                conn = sqlite3.connect(DATABASE)
                conn.row_factory = sqlite3.Row
                return conn

            @app.route("/users/<int:user_id>", methods=["GET"])
            def get_user(user_id):
                conn = get_db_connection()
                user = conn.execute("SELECT * FROM users WHERE id = ?", (user_id,)).fetchone()
                conn.close()
                if user is None:
                    return jsonify({"error": "User not found"}), 404
                return jsonify(dict(user))

            @app.route("/users", methods=["POST"])
            def create_user():
                data = request.get_json()
                username = data.get("username")
                email = data.get("email")
                if not username or not email:
                    return jsonify({"error": "Missing fields"}), 400
                conn = get_db_connection()
                conn.execute("INSERT INTO users (username, email) VALUES (?, ?)", (username, email))
                conn.commit()
                conn.close()
                return jsonify({"message": "created"}), 201

            @app.route("/")
            def index():
                return render_template("index.html")

            if __name__ == "__main__":
                app.run(debug=True)
            """",
            "PY-DEBUG-001@40"
        },
        {
            """"
            import requests
            import json
            import logging

            logging.basicConfig(level=logging.INFO)
            logger = logging.getLogger(__name__)

            API_URL = "https://api.openweathermap.org/data/2.5/weather"
            API_KEY = "your_api_key_here"

            def get_weather(city):
                params = {"q": city, "appid": API_KEY, "units": "metric"}
                try:
                    response = requests.get(API_URL, params=params)
                    response.raise_for_status()
                    data = response.json()
                    return data
                except requests.exceptions.RequestException as e:
                    logger.error(f"Error fetching weather: {e}")
                    return None

            def save_results(data, filename="weather.json"):
                with open(filename, "w") as f:
                    json.dump(data, f, indent=2)

            if __name__ == "__main__":
                city = input("Enter city: ")
                result = get_weather(city)
                if result:
                    print(f"Temperature in {city}: {result['main']['temp']}°C")
                    save_results(result)
            """",
            "PY-TIMEOUT-001@14"
        },
        {
            """"
            import os
            import subprocess
            import sys

            def list_directory(path):
                """List files in a directory."""
                result = subprocess.run(["ls", "-la", path], capture_output=True, text=True)
                return result.stdout

            def compress(folder):
                cmd = f"tar -czf {folder}.tar.gz {folder}"
                os.system(cmd)

            def get_disk_usage():
                output = subprocess.check_output("df -h", shell=True)
                return output.decode()

            def read_config(path):
                f = open(path, "r")
                content = f.read()
                return content

            if __name__ == "__main__":
                target = sys.argv[1]
                print(list_directory(target))
                compress(target)
            """",
            "PY-CMD-003@12 PY-LEAK-001@19"
        },
        {
            """"
            import hashlib
            import os
            import random
            import string
            import secrets

            def hash_password(password: str) -> str:
                salt = os.urandom(16)
                return hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 100000).hex()

            def md5_checksum(path):
                h = hashlib.md5()
                with open(path, "rb") as f:
                    for chunk in iter(lambda: f.read(4096), b""):
                        h.update(chunk)
                return h.hexdigest()

            def generate_token(length=32):
                return ''.join(random.choices(string.ascii_letters + string.digits, k=length))

            def generate_session_id():
                return secrets.token_hex(16)

            def simple_hash(password):
                return hashlib.sha1(password.encode()).hexdigest()

            class User:
                def __init__(self, username, password):
                    self.username = username
                    self.password_hash = hashlib.sha256(password.encode()).hexdigest()

                def check(self, password):
                    return self.password_hash == hashlib.sha256(password.encode()).hexdigest()

            def shuffle_deck():
                deck = list(range(52))
                random.shuffle(deck)
                return deck
            """",
            "PY-HASH-001@12 PY-RAND-001@19 PY-HASH-003@25 PY-HASH-003@30 PY-HASH-003@33"
        },
        {
            """"
            import socket
            import threading

            HOST = '0.0.0.0'
            PORT = 65432

            def handle_client(conn, addr):
                print(f"Connected by {addr}")
                with conn:
                    while True:
                        data = conn.recv(1024)
                        if not data:
                            break
                        conn.sendall(data)

            def start_server():
                server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                server.bind((HOST, PORT))
                server.listen()
                print(f"Listening on {HOST}:{PORT}")
                while True:
                    conn, addr = server.accept()
                    thread = threading.Thread(target=handle_client, args=(conn, addr))
                    thread.start()

            if __name__ == "__main__":
                start_server()
            """",
            "PY-LEAK-002@17 PY-BIND-002@18"
        },
        {
            """"
            import yaml
            import pickle
            import xml.etree.ElementTree as ET
            from flask import Flask, request, send_file
            import os

            app = Flask(__name__)
            UPLOAD_FOLDER = '/tmp/uploads'

            @app.route('/upload', methods=['POST'])
            def upload():
                file = request.files['file']
                filename = file.filename
                file.save(os.path.join(UPLOAD_FOLDER, filename))
                return 'OK'

            @app.route('/download')
            def download():
                filename = request.args.get('filename')
                return send_file(os.path.join(UPLOAD_FOLDER, filename))

            @app.route('/config', methods=['POST'])
            def config():
                cfg = yaml.load(request.data)
                return str(cfg)

            @app.route('/xml', methods=['POST'])
            def parse_xml():
                root = ET.fromstring(request.data)
                return root.tag

            def load_model(path):
                with open(path, 'rb') as f:
                    return pickle.load(f)

            @app.route('/greet')
            def greet():
                name = request.args.get('name', 'World')
                return '<html><body><h1>Hello, ' + name + '!</h1></body></html>'
            """",
            "PY-PATH-001@14 PY-TEMP-002@14 PY-PATH-002@20 PY-TEMP-002@20 PY-DESER-002@24 PY-XXE-001@29 PY-DESER-001@34 PY-XSS-001@39"
        },
        {
            """"
            import smtplib
            from email.mime.text import MIMEText
            import ftplib
            import mysql.connector

            SMTP_SERVER = "smtp.gmail.com"
            SMTP_PORT = 587
            EMAIL_ADDRESS = "me@example.com"
            EMAIL_PASSWORD = "mypassword123"

            def send_email(to, subject, body):
                msg = MIMEText(body)
                msg["Subject"] = subject
                msg["From"] = EMAIL_ADDRESS
                msg["To"] = to
                server = smtplib.SMTP(SMTP_SERVER, SMTP_PORT)
                server.starttls()
                server.login(EMAIL_ADDRESS, EMAIL_PASSWORD)
                server.send_message(msg)
                server.quit()

            def upload_file(path):
                ftp = ftplib.FTP("ftp.example.com")
                ftp.login("user", "pass")
                with open(path, "rb") as f:
                    ftp.storbinary(f"STOR {path}", f)
                ftp.quit()

            db = mysql.connector.connect(
                host="localhost",
                user="root",
                password="rootpassword",
                database="shop"
            )
            cursor = db.cursor()

            def get_product(name):
                query = "SELECT * FROM products WHERE name = '%s'" % name
                cursor.execute(query)
                return cursor.fetchall()
            """",
            "PY-CRED-001@9 PY-NET-001@23 PY-CRED-014@24 PY-CRED-002@32 PY-SQL-001@39"
        },
        {
            """"
            import os
            import stat
            import tempfile
            import ssl
            import urllib.request

            def make_shared(path):
                os.chmod(path, stat.S_IRWXU | stat.S_IRWXG | stat.S_IRWXO)

            def fetch(url):
                ctx = ssl.create_default_context()
                ctx.check_hostname = False
                ctx.verify_mode = ssl.CERT_NONE
                with urllib.request.urlopen(url, context=ctx) as r:
                    return r.read()

            def write_temp(data):
                name = tempfile.mktemp()
                with open(name, "w") as f:
                    f.write(data)
                return name

            def calc(expr):
                return eval(expr)

            def run_code(code_str):
                exec(code_str)
            """",
            "PY-PRIV-001@8 PY-TLS-003@12 PY-TLS-004@13 PY-TIMEOUT-003@14 PY-TEMP-001@18 PY-CODE-001@24 PY-CODE-002@27"
        },
        {
            """"
            from fastapi import FastAPI, HTTPException, Query
            from fastapi.responses import HTMLResponse, FileResponse
            from pydantic import BaseModel
            import httpx
            import os

            app = FastAPI()
            BASE_DIR = "/srv/files"

            class Item(BaseModel):
                name: str
                price: float

            @app.get("/items/{item_id}")
            async def read_item(item_id: int, q: str = None):
                return {"item_id": item_id, "q": q}

            @app.get("/hello", response_class=HTMLResponse)
            async def hello(name: str = Query("world")):
                return f"<html><body>Hello {name}</body></html>"

            @app.get("/files/{path}")
            async def get_file(path: str):
                return FileResponse(os.path.join(BASE_DIR, path))

            @app.get("/proxy")
            async def proxy(url: str):
                async with httpx.AsyncClient(verify=False) as client:
                    r = await client.get(url)
                    return r.json()

            if __name__ == "__main__":
                import uvicorn
                uvicorn.run(app, host="0.0.0.0", port=8000)
            """",
            "PY-XSS-001@20 PY-PATH-002@24 PY-TLS-001@28 PY-BIND-001@34"
        },
        {
            """"
            from django.http import HttpResponse
            from django.shortcuts import render
            from django.db import connection

            def search(request):
                query = request.GET.get("q", "")
                with connection.cursor() as cursor:
                    cursor.execute("SELECT id, title FROM blog_post WHERE title LIKE %s", ["%" + query + "%"])
                    rows = cursor.fetchall()
                return render(request, "search.html", {"rows": rows, "query": query})

            def profile(request, username):
                html = "<h2>Profile of %s</h2>" % username
                return HttpResponse(html)

            def raw_search(request):
                term = request.GET["term"]
                with connection.cursor() as cursor:
                    cursor.execute(f"SELECT * FROM users WHERE name = '{term}'")
                    return HttpResponse(str(cursor.fetchall()))
            """",
            "PY-XSS-001@14 PY-SQL-001@19"
        },
        {
            """"
            import argparse
            import csv
            import json
            import logging
            import random
            from pathlib import Path

            def parse_args():
                parser = argparse.ArgumentParser(description="Process CSV")
                parser.add_argument("input", type=Path)
                parser.add_argument("--output", type=Path, default=Path("out.json"))
                return parser.parse_args()

            def process(rows):
                random.seed(42)
                sample = random.sample(rows, min(10, len(rows)))
                return sample

            def main():
                args = parse_args()
                with args.input.open() as f:
                    rows = list(csv.DictReader(f))
                result = process(rows)
                args.output.write_text(json.dumps(result, indent=2))
                logging.info("Wrote %d rows", len(result))

            if __name__ == "__main__":
                main()
            """",
            ""
        },
        {
            """"
            import boto3
            import os
            import requests

            AWS_ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE"
            AWS_SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"

            s3 = boto3.client("s3", aws_access_key_id=AWS_ACCESS_KEY_ID, aws_secret_access_key=AWS_SECRET_ACCESS_KEY)

            GITHUB_TOKEN = os.environ.get("GITHUB_TOKEN")
            headers = {"Authorization": f"token {GITHUB_TOKEN}", "Accept": "application/vnd.github+json"}

            def list_repos(user):
                resp = requests.get(f"https://api.github.com/users/{user}/repos", headers=headers, timeout=10)
                resp.raise_for_status()
                return [r["name"] for r in resp.json()]

            password_prompt = "Enter your password: "
            token_type = "bearer"
            secret_name = "prod/db"
            """",
            "PY-CRED-005@5 PY-CRED-001@6"
        },
        {
            """"
            import sqlite3

            class Database:
                def __init__(self, path="app.db"):
                    self.conn = sqlite3.connect(path)
                    self.cursor = self.conn.cursor()

                def add_user(self, name, age):
                    self.cursor.execute("INSERT INTO users (name, age) VALUES (?, ?)", (name, age))
                    self.conn.commit()

                def find(self, name):
                    sql = "SELECT * FROM users WHERE name = '" + name + "'"
                    self.cursor.execute(sql)
                    return self.cursor.fetchall()

                def delete(self, table, uid):
                    self.cursor.execute("DELETE FROM {} WHERE id = ?".format(table), (uid,))

                def close(self):
                    self.conn.close()

            def report():
                conn = sqlite3.connect("app.db")
                c = conn.cursor()
                for row in c.execute("SELECT * FROM users ORDER BY age"):
                    print(row)
                conn.close()
            """",
            "PY-SQL-001@14 PY-SQL-001@18"
        },
        {
            """"
            import os
            import shutil
            import zipfile
            import tarfile
            from werkzeug.utils import secure_filename
            from flask import Flask, request, abort

            app = Flask(__name__)
            app.secret_key = os.urandom(24)
            UPLOAD_DIR = os.path.join(os.getcwd(), "uploads")

            @app.route("/upload", methods=["POST"])
            def upload():
                f = request.files["file"]
                name = secure_filename(f.filename)
                dest = os.path.join(UPLOAD_DIR, name)
                f.save(dest)
                if name.endswith(".zip"):
                    with zipfile.ZipFile(dest) as z:
                        z.extractall(UPLOAD_DIR)
                return "ok"

            @app.route("/read")
            def read():
                name = request.args.get("name")
                path = os.path.realpath(os.path.join(UPLOAD_DIR, name))
                if not path.startswith(UPLOAD_DIR):
                    abort(403)
                with open(path) as fh:
                    return fh.read()
            """",
            ""
        },
        {
            """"
            from flask import Flask, render_template, request, redirect, url_for, flash, session
            from flask_login import LoginManager, login_user, logout_user, login_required
            import os

            app = Flask(__name__)
            app.secret_key = os.environ.get("FLASK_SECRET", os.urandom(24))

            @app.route("/login", methods=["GET", "POST"])
            def login():
                if request.method == "POST":
                    username = request.form["username"]
                    password = request.form["password"]
                    user = User.query.filter_by(username=username).first()
                    if user and user.check_password(password):
                        login_user(user)
                        return redirect(url_for("dashboard"))
                    flash("Invalid credentials")
                return render_template("login.html")

            @app.route("/logout")
            @login_required
            def logout():
                logout_user()
                return redirect(url_for("login"))

            @app.route("/api/items")
            def items():
                page = int(request.args.get("page", 1))
                return {"page": page, "items": []}

            @app.errorhandler(404)
            def not_found(e):
                return "<h1>404 - Not Found</h1>", 404
            """",
            ""
        },
        {
            """"
            import os
            import json
            from pathlib import Path

            CONFIG_PATH = Path.home() / ".myapp" / "config.json"

            def load_settings():
                if not CONFIG_PATH.exists():
                    return {}
                with CONFIG_PATH.open() as f:
                    return json.load(f)

            def save_settings(settings):
                CONFIG_PATH.parent.mkdir(parents=True, exist_ok=True)
                CONFIG_PATH.write_text(json.dumps(settings))

            def list_py_files(root):
                return [p for p in Path(root).rglob("*.py")]

            def env_flag(name, default=False):
                return os.environ.get(name, str(default)).lower() in ("1", "true", "yes")

            token_count = 0
            def count_tokens(text):
                global token_count
                token_count += len(text.split())
                return token_count
            """",
            ""
        },
        {
            """"
            import logging
            import time
            import requests
            from requests.adapters import HTTPAdapter
            from urllib3.util.retry import Retry

            log = logging.getLogger(__name__)

            def make_session():
                s = requests.Session()
                retry = Retry(total=3, backoff_factor=0.5)
                s.mount("https://", HTTPAdapter(max_retries=retry))
                return s

            def poll(url, interval=5):
                session = make_session()
                try:
                    while True:
                        r = session.get(url, timeout=10)
                        if r.ok:
                            return r.json()
                        time.sleep(interval)
                finally:
                    session.close()
            """",
            ""
        },
        {
            """"
            import sqlite3
            from contextlib import closing

            def init_db(path):
                with closing(sqlite3.connect(path)) as conn:
                    conn.execute("CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, body TEXT)")
                    conn.commit()

            def add_note(path, body):
                with sqlite3.connect(path) as conn:
                    conn.execute("INSERT INTO notes (body) VALUES (?)", (body,))

            def get_notes(path, limit=10):
                conn = sqlite3.connect(path)
                try:
                    cur = conn.execute("SELECT id, body FROM notes ORDER BY id DESC LIMIT ?", (limit,))
                    return cur.fetchall()
                finally:
                    conn.close()

            def table_count(conn, table):
                allowed = {"notes", "users"}
                if table not in allowed:
                    raise ValueError("bad table")
                return conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
            """",
            ""
        },
        {
            """"
            import subprocess
            import sys

            def run_tests():
                result = subprocess.run([sys.executable, "-m", "pytest", "-q"], capture_output=True, text=True)
                print(result.stdout)
                return result.returncode

            def git_hash():
                return subprocess.check_output(["git", "rev-parse", "HEAD"]).decode().strip()

            def format_code(path):
                subprocess.run(["black", path], check=True)
            """",
            ""
        },
        {
            """"
            from datetime import datetime, timedelta
            import jwt
            import os

            SECRET_KEY = os.environ["JWT_SECRET"]
            ALGORITHM = "HS256"
            ACCESS_TOKEN_EXPIRE_MINUTES = 30

            def create_access_token(data: dict):
                to_encode = data.copy()
                expire = datetime.utcnow() + timedelta(minutes=ACCESS_TOKEN_EXPIRE_MINUTES)
                to_encode.update({"exp": expire})
                return jwt.encode(to_encode, SECRET_KEY, algorithm=ALGORITHM)

            def decode(token: str):
                return jwt.decode(token, SECRET_KEY, algorithms=[ALGORITHM])
            """",
            ""
        },
        {
            """"
            Here's a simple script that does it:

            ```python
            import os
            def cleanup(path):
                os.system("rm -rf " + path)
            ```

            You can call it like `cleanup("/tmp/x")`.
            """",
            "PY-CMD-003@6"
        },
        {
            """"
            # Python 2 style
            import urllib2
            import commands
            def fetch(url):
                resp = urllib2.urlopen(url)
                print resp.read()
            def run(cmd):
                status, out = commands.getstatusoutput(cmd)
                return out
            try:
                fetch("http://example.com")
            except Exception, e:
                print e
            """",
            "PY-LEAK-004@5 PY-TIMEOUT-003@5 PY-CMD-003@8"
        },
        {
            """"
                # fragment pasted from inside a class
                def get(self, request, pk):
                    obj = Item.objects.raw("SELECT * FROM item WHERE id = %s" % pk)
                    return HttpResponse("<p>%s</p>" % obj)

                    def nested():
                        return eval(request.GET["x"])
            """",
            "PY-SQL-003@3 PY-XSS-001@4 PY-CODE-001@7"
        },
        {
            """"
            from typing import Annotated
            from fastapi import FastAPI, Depends
            app = FastAPI()

            type Point = tuple[float, float]

            @app.post("/run")
            async def run(cmd: Annotated[str, "command"], n: int | None = None) -> dict[str, str]:
                match cmd.split():
                    case ["ls", *rest]:
                        proc = await asyncio.create_subprocess_shell(cmd)
                    case _:
                        pass
                if (m := len(cmd)) > 10:
                    print(f"{m=}")
                data = [x async for x in agen()]
                return {"ok": f"{cmd!r:>{n}}"}
            """",
            "PY-CMD-006@11"
        },
        {
            """"
            import socket
            import ssl

            def get_cert(host, port=443):
                ctx = ssl.create_default_context()
                with socket.create_connection((host, port), timeout=5) as sock:
                    with ctx.wrap_socket(sock, server_hostname=host) as ssock:
                        return ssock.getpeercert()

            def raw_http(host):
                s = socket.socket()
                s.connect((host, 80))
                s.sendall(b"GET / HTTP/1.0\r\nHost: " + host.encode() + b"\r\n\r\n")
                data = s.recv(4096)
                s.close()
                return data
            """",
            "PY-LEAK-009@11"
        },
        {
            """"
            import os
            import hmac
            import hashlib
            import secrets
            import bcrypt

            def hash_password(password: str) -> bytes:
                return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt(rounds=12))

            def verify_password(password: str, hashed: bytes) -> bool:
                return bcrypt.checkpw(password.encode("utf-8"), hashed)

            def derive_key(password: str, salt: bytes | None = None) -> tuple[bytes, bytes]:
                salt = salt or os.urandom(16)
                key = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 600_000)
                return key, salt

            def sign(message: bytes) -> str:
                secret = os.environ["SIGNING_KEY"].encode()
                return hmac.new(secret, message, hashlib.sha256).hexdigest()

            def new_token() -> str:
                return secrets.token_urlsafe(32)

            def file_digest(path: str) -> str:
                h = hashlib.sha256()
                with open(path, "rb") as f:
                    for block in iter(lambda: f.read(65536), b""):
                        h.update(block)
                return h.hexdigest()
            """",
            ""
        },
        {
            """"
            import re
            import shlex
            import subprocess
            from pathlib import Path

            HOST_RE = re.compile(r"^[A-Za-z0-9.-]{1,253}$")

            def ping(host: str) -> str:
                if not HOST_RE.fullmatch(host):
                    raise ValueError("invalid host")
                result = subprocess.run(["ping", "-c", "1", host], capture_output=True, text=True, timeout=10, check=False)
                return result.stdout

            def archive(folder: str) -> None:
                subprocess.run(["tar", "-czf", f"{folder}.tar.gz", folder], check=True)

            def run_shell_safely(arg: str) -> None:
                subprocess.run(f"echo {shlex.quote(arg)}", shell=True, check=True)
            """",
            ""
        },
        {
            """"
            import os
            import ssl
            import smtplib
            import requests
            from email.message import EmailMessage

            def fetch_json(url: str) -> dict:
                resp = requests.get(url, timeout=(3.05, 27))
                resp.raise_for_status()
                return resp.json()

            def send_mail(to: str, body: str) -> None:
                msg = EmailMessage()
                msg["To"] = to
                msg["From"] = os.environ["SMTP_USER"]
                msg.set_content(body)
                context = ssl.create_default_context()
                with smtplib.SMTP("smtp.example.com", 587, timeout=15) as server:
                    server.starttls(context=context)
                    server.login(os.environ["SMTP_USER"], os.environ["SMTP_PASSWORD"])
                    server.send_message(msg)
            """",
            ""
        },
        {
            """"
            import sqlite3
            from flask import Flask, request, jsonify, render_template, abort
            from markupsafe import escape

            app = Flask(__name__)

            def get_db():
                conn = sqlite3.connect("app.db")
                conn.row_factory = sqlite3.Row
                return conn

            @app.route("/search")
            def search():
                q = request.args.get("q", "")
                with get_db() as conn:
                    rows = conn.execute("SELECT id, name FROM products WHERE name LIKE ?", (f"%{q}%",)).fetchall()
                return render_template("results.html", rows=rows, q=q)

            @app.route("/hello")
            def hello():
                name = request.args.get("name", "world")
                return f"<h1>Hello {escape(name)}</h1>"

            @app.route("/api/user/<int:uid>")
            def user(uid):
                with get_db() as conn:
                    row = conn.execute("SELECT id, name FROM users WHERE id = ?", (uid,)).fetchone()
                if row is None:
                    abort(404)
                return jsonify(dict(row))

            if __name__ == "__main__":
                app.run(host="127.0.0.1", port=5000, debug=False)
            """",
            ""
        },
        {
            """"
            import os
            import tempfile
            import yaml
            import json
            import defusedxml.ElementTree as ET
            import ast

            def load_config(path):
                with open(path, encoding="utf-8") as f:
                    return yaml.safe_load(f)

            def parse_xml(data: bytes):
                return ET.fromstring(data)

            def evaluate(expr: str):
                return ast.literal_eval(expr)

            def write_temp(data: str) -> str:
                fd, path = tempfile.mkstemp(suffix=".txt")
                with os.fdopen(fd, "w") as f:
                    f.write(data)
                os.chmod(path, 0o600)
                return path

            def save(obj, path):
                with open(path, "w") as f:
                    json.dump(obj, f)
            """",
            ""
        },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Sample_gets_exactly_the_reviewed_labels(string src, string expected)
    {
        var got = RuleTests.Scan(src).Select(f => $"{f.Rule}@{f.Line}").Order().ToArray();
        Assert.Equal(expected.Split(' ', StringSplitOptions.RemoveEmptyEntries).Order().ToArray(), got);
    }
}
