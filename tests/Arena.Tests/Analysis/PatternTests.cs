using Arena.Evaluation.Analysis;

namespace Arena.Tests.Analysis;

/// <summary>Focused regressions for resolution details and false-positive guards found on LLM-style code.</summary>
public class PatternTests
{
    private static IReadOnlyList<Finding> Scan(string src) => RuleTests.Scan(src);

    [Theory]
    [InlineData("import ssl, socket\ndef tls(host):\n    sock = socket.create_connection((host, 443), timeout=5)\n    return ssl.create_default_context().wrap_socket(sock, server_hostname=host)\n")]
    [InlineData("import io\ndef text(p):\n    raw = open(p, 'rb')\n    return io.TextIOWrapper(raw)\n")]
    [InlineData("files = []\ndef keep(p):\n    f = open(p)\n    files.append(f)\n")]
    [InlineData("import atexit\ndef keep(p):\n    f = open(p, 'a')\n    atexit.register(f.close)\n    return None\n")]
    public void Ownership_transfer_is_not_a_leak(string src) => Assert.DoesNotContain(Scan(src), f => f.Category == "resource-leak");

    // LABELING.md: resource-leak covers files, sockets and urlopen responses only.
    [Theory]
    [InlineData("import requests\nsession = requests.Session()\n")]
    [InlineData("import sqlite3\ndef count():\n    conn = sqlite3.connect('app.db')\n    return conn.execute('SELECT 1').fetchone()\n")]
    [InlineData("import httpx\nclient = httpx.Client(verify=True)\nr = client.get('https://example.com')\n")]
    [InlineData("import imaplib\ndef inbox(u, p):\n    m = imaplib.IMAP4_SSL('imap.example.com')\n    m.login(u, p)\n    return m.select('INBOX')\n")]
    [InlineData("import http.client\nconn = http.client.HTTPSConnection('example.com', timeout=5)\nconn.request('GET', '/')\n")]
    [InlineData("import subprocess\ndef start():\n    p = subprocess.Popen(['sleep', '1'])\n    print(p.pid)\n")]
    [InlineData("from concurrent.futures import ThreadPoolExecutor\ndef work(items):\n    ex = ThreadPoolExecutor(4)\n    return [ex.submit(print, i) for i in items]\n")]
    public void Sessions_connections_and_processes_are_out_of_leak_scope(string src) => Assert.DoesNotContain(Scan(src), f => f.Category == "resource-leak");

    [Fact]
    public void Unclosed_urlopen_response_is_still_a_leak() =>
        Assert.Contains(Scan("import urllib.request\ndef fetch(u):\n    resp = urllib.request.urlopen(u, timeout=5)\n    return resp.read()\n"), f => f.Rule == "PY-LEAK-004");

    // LABELING.md: a constant command is safe even with shell=True; only non-constant data in a shell is vulnerable.
    [Theory]
    [InlineData("import os\nos.system('clear')\n")]
    [InlineData("import subprocess\nsubprocess.call('ls -l', shell=True)\n")]
    [InlineData("import subprocess\nCMD = 'uptime'\nsubprocess.run(CMD, shell=True, check=True)\n")]
    [InlineData("import os\nout = os.popen('df -h').read()\n")]
    public void Constant_shell_commands_are_not_command_injection(string src) => Assert.DoesNotContain(Scan(src), f => f.Category == "os-command-injection");

    // LABELING.md: raw sockets, paramiko, ftplib/smtplib/imaplib and urllib3 are out of missing-timeout scope.
    [Theory]
    [InlineData("import paramiko\nc = paramiko.SSHClient()\nc.load_system_host_keys()\nc.connect('host', username='u')\nc.close()\n")]
    [InlineData("import smtplib\nwith smtplib.SMTP_SSL('smtp.example.com', 465) as s:\n    s.login(u, p)\n")]
    [InlineData("import imaplib\nm = imaplib.IMAP4_SSL('imap.example.com')\n")]
    [InlineData("import urllib3\nhttp = urllib3.PoolManager(cert_reqs='CERT_REQUIRED')\n")]
    [InlineData("import socket\ns = socket.socket()\ns.connect(('example.com', 80))\ns.close()\n")]
    public void Out_of_scope_clients_have_no_timeout_finding(string src) => Assert.DoesNotContain(Scan(src), f => f.Category == "missing-timeout");

    [Theory]
    [InlineData("import random\nsecret_number = random.randint(1, 100)\n")]
    [InlineData("import random\nsecret_word = random.choice(['apple', 'pear'])\n")]
    [InlineData("import random\nkey = random.choice(list(colors))\n")]
    [InlineData("import random\ndef pick_card(deck):\n    return random.choice(deck)\n")]
    public void Game_and_lookup_randomness_is_not_flagged(string src) => Assert.DoesNotContain(Scan(src), f => f.Category == "weak-randomness");

    [Theory]
    [InlineData("import random\notp = random.randint(100000, 999999)\n")]
    [InlineData("import random\nfrom Crypto.Cipher import AES\nkey = bytes(random.getrandbits(8) for _ in range(16))\n")]
    [InlineData("import random, string\ndef make_reset_token():\n    return ''.join(random.choices(string.hexdigits, k=20))\n")]
    [InlineData("import random\nclass Auth:\n    def new_session_id(self):\n        return random.random()\n")]
    public void Security_randomness_is_flagged(string src) => Assert.Contains(Scan(src), f => f.Rule == "PY-RAND-001");

    [Theory]
    [InlineData("app.run('0.0.0.0', 5000)\n", "PY-BIND-001")]
    [InlineData("import uvicorn\nuvicorn.run(app, host='0.0.0.0')\n", "PY-BIND-001")]
    [InlineData("import requests\ndef f(host):\n    return requests.get(f'http://{host}/api', timeout=3)\n", "PY-NET-004")]
    [InlineData("import requests\nBASE = 'http://api.example.com'\ndef f(uid):\n    return requests.get(f'{BASE}/users/{uid}', timeout=3)\n", "PY-NET-004")]
    [InlineData("import requests\nURL = 'http://api.example.com'\nurl = URL + '/v1'\nrequests.post(url, json={}, timeout=3)\n", "PY-NET-004")]
    [InlineData("import pexpect\ndef go(cmd):\n    pexpect.spawn(cmd)\n", "PY-CMD-005")]
    [InlineData("import ftplib\nftp = ftplib.FTP_TLS('h', timeout=5)\nftp.login('user', 'Pa55word')\nftp.quit()\n", "PY-CRED-014")]
    [InlineData("import sqlite3\nconn = sqlite3.connect('a.db')\nc = conn.cursor()\nc.execute('SELECT * FROM t WHERE n = \"%s\"' % name)\nconn.close()\n", "PY-SQL-001")]
    [InlineData("from flask import Flask, request\napp = Flask(__name__)\n@app.route('/x')\ndef x():\n    f = request.files['f']\n    f.save('/srv/up/' + f.filename)\n    return 'ok'\n", "PY-PATH-001")]
    [InlineData("from django.http import HttpResponse\ndef view(request, name):\n    return HttpResponse('<b>%s</b>' % name)\n", "PY-XSS-001")]
    [InlineData("import requests\nr = requests.get('https://x', auth=('admin', 'hunter22'), timeout=3)\n", "PY-CRED-002")]
    [InlineData("from requests.auth import HTTPBasicAuth\na = HTTPBasicAuth('admin', 'hunter22')\n", "PY-CRED-014")]
    [InlineData("import os\nfrom flask import Flask, request\napp = Flask(__name__)\ndef read_doc(name):\n    with open(os.path.join('docs', name)) as f:\n        return f.read()\n@app.route('/doc')\ndef doc():\n    return read_doc(request.args['name'])\n", "PY-PATH-001")]
    [InlineData("from flask import Flask, request\napp = Flask(__name__)\ndef get_name():\n    return request.args.get('name', '')\n@app.route('/hi')\ndef hi():\n    name = get_name()\n    return '<h1>Hi ' + name + '</h1>'\n", "PY-XSS-001")]
    [InlineData("from flask import Flask, request\napp = Flask(__name__)\nclass Svc:\n    def load(self, path):\n        return open(path).read()\n@app.route('/f')\ndef f():\n    return Svc().load(request.args['p'])\n", "PY-LEAK-006")]
    [InlineData("def count(conn, table):\n    if table not in {'notes', 'users'}:\n        print('unknown table')\n    return conn.execute(f'SELECT COUNT(*) FROM {table}').fetchone()\n", "PY-SQL-001")]
    [InlineData("import os\ndef rm(name):\n    if name.isalnum():\n        pass\n    os.system('rm -f /srv/cache/' + name)\n", "PY-CMD-003")]
    [InlineData("def read(p):\n    return [l.strip() for l in open(p)]\n", "PY-LEAK-006")]
    [InlineData("import socket\ndef serve(srv):\n    conn, addr = srv.accept()\n    conn.sendall(b'hi')\n", "PY-LEAK-002")]
    [InlineData("# deploy key: AKIAIOSFODNN7EXAMPLE\nimport boto3\n", "PY-CRED-005")]
    public void Flagged(string src, string rule) => Assert.Contains(Scan(src), f => f.Rule == rule);

    [Theory]
    [InlineData("import requests\nrequests.get('http://localhost:8080/health', timeout=2)\n", "PY-NET-004")]
    [InlineData("import requests\nHOST = 'localhost'\nrequests.get(f'http://{HOST}:8000/', timeout=2)\n", "PY-NET-004")]
    [InlineData("import ssl\nctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)\n", "PY-CRYPTO-009")]
    [InlineData("import os\nfrom werkzeug.utils import secure_filename\nfrom flask import request\ndef up():\n    f = request.files['f']\n    f.save(os.path.join('/srv/up', secure_filename(f.filename)))\n", "PY-PATH-001")]
    [InlineData("import os\nfrom flask import request, abort\nBASE = os.path.join(os.getcwd(), 'files')\ndef rd():\n    p = os.path.realpath(os.path.join(BASE, request.args['n']))\n    if not p.startswith(BASE):\n        abort(403)\n    with open(p) as fh:\n        return fh.read()\n", "PY-PATH-003")]
    [InlineData("import aiohttp\ndef render_table(rows):\n    html = '<table>'\n    for r in rows:\n        html += f'<tr><td>{r}</td></tr>'\n    return html\n", "PY-XSS-005")]
    [InlineData("password_prompt = 'Enter your password: '\ntoken_type = 'bearer'\nsecret_name = 'prod/db'\nPASSWORD_FIELD = 'password'\n", "PY-CRED-001")]
    [InlineData("def f(cur, name):\n    cur.execute('SELECT * FROM t WHERE n = %s', (name,))\n", "PY-SQL-001")]
    [InlineData("import subprocess\nsubprocess.run('ls -l', shell=False)\n", "PY-CMD-001")]
    [InlineData("import socket\nfrom urllib.request import urlopen\nsocket.setdefaulttimeout(10)\nwith urlopen('https://x') as r:\n    r.read()\n", "PY-TIMEOUT-003")]
    [InlineData("import os, requests\nr = requests.get('https://x', auth=('admin', os.environ['PW']), timeout=3)\n", "PY-CRED-002")]
    [InlineData("import os\nfrom flask import Flask, request\napp = Flask(__name__)\ndef read_doc(name):\n    with open(os.path.join('docs', name)) as f:\n        return f.read()\n@app.route('/doc')\ndef doc():\n    return read_doc('index.md')\n", "PY-PATH-001")]
    [InlineData("def count(conn, table):\n    if table not in {'notes', 'users'}:\n        raise ValueError(table)\n    return conn.execute(f'SELECT COUNT(*) FROM {table}').fetchone()\n", "PY-SQL-001")]
    [InlineData("import re, subprocess\ndef ping(host):\n    if not re.fullmatch(r'[a-z0-9.-]+', host):\n        return None\n    return subprocess.run(f'ping -c 1 {host}', shell=True)\n", "PY-CMD-001")]
    [InlineData("import os\ndef rm(name):\n    if name.isalnum():\n        os.system('rm -f /srv/cache/' + name)\n", "PY-CMD-003")]
    [InlineData("import socket, threading\ndef serve(srv, handle):\n    while True:\n        conn, addr = srv.accept()\n        threading.Thread(target=handle, args=(conn, addr)).start()\n", "PY-LEAK-002")]
    [InlineData("import socket\ndef serve(srv):\n    conn, addr = srv.accept()\n    with conn:\n        conn.sendall(b'hi')\n", "PY-LEAK-002")]
    [InlineData("import jwt\ndata = jwt.decode(token, verify=False)\n", "PY-TLS-001")]
    [InlineData("from fastapi import FastAPI\napp = FastAPI()\n@app.get('/hi')\ndef hi(name: str):\n    return f'Hello {name}'\n", "PY-XSS-008")]
    [InlineData("# see https://user:pass@example.com for the format\nx = 1\n", "PY-CRED-009")]
    [InlineData("from pathlib import Path\nfrom flask import Flask, request, send_file, abort\napp = Flask(__name__)\nBASE = Path('/srv/files').resolve()\n@app.route('/f')\ndef f():\n    target = (BASE / request.args['name']).resolve()\n    if not target.is_relative_to(BASE):\n        abort(403)\n    return send_file(target)\n", "PY-PATH-002")]
    [InlineData("from pathlib import Path\nfrom flask import request\ndef f():\n    return Path('/srv', request.args['n']).resolve()\n", "PY-PATH-003")]
    [InlineData("import xml.etree.ElementTree as ET\nfrom defusedxml.ElementTree import fromstring\ndef parse(s):\n    return fromstring(s)\n", "PY-XXE-008")]
    [InlineData("import sys\ndef main():\n    with open(sys.argv[1]) as f:\n        print(f.read())\n", "PY-PATH-001")]
    [InlineData("import smtplib\nwith smtplib.SMTP('localhost', timeout=5) as s:\n    s.send_message(msg)\n", "PY-NET-003")]
    public void Not_flagged(string src, string rule) => Assert.DoesNotContain(Scan(src), f => f.Rule == rule);

    // LABELING.md: path traversal needs a remote source; the local user's own command line is not a trust boundary.
    [Theory]
    [InlineData("import sys\ndef load(path):\n    with open(path) as fh:\n        return fh.read()\nif __name__ == '__main__':\n    print(load(sys.argv[1]))\n")]
    [InlineData("import argparse\np = argparse.ArgumentParser()\np.add_argument('path')\nargs = p.parse_args()\nwith open(args.path + '.enc', 'wb') as out:\n    out.write(b'x')\n")]
    [InlineData("import os\nname = input('file: ')\nos.remove(os.path.join('/srv/data', name))\n")]
    [InlineData("from pathlib import Path\nfrom fastapi import FastAPI, HTTPException\nfrom fastapi.responses import FileResponse\napp = FastAPI()\nBASE = Path('static').resolve()\n@app.get('/s/{name}')\ndef s(name: str):\n    t = (BASE / name).resolve()\n    if not t.is_relative_to(BASE):\n        raise HTTPException(404)\n    return FileResponse(t)\n")]
    public void Local_or_contained_paths_are_not_path_traversal(string src) => Assert.DoesNotContain(Scan(src), f => f.Category == "path-traversal");

    [Theory]
    [InlineData("from flask import Flask, request\napp = Flask(__name__)\ndef load(path):\n    with open(path) as fh:\n        return fh.read()\n@app.route('/f')\ndef f():\n    return load(request.args['p'])\n")]
    [InlineData("import os, sys\nfrom flask import request\ndef dl():\n    p = os.path.join(sys.argv[1], request.args['name'])\n    return open(p).read()\n")]
    public void Remote_paths_are_still_path_traversal(string src) => Assert.Contains(Scan(src), f => f.Category == "path-traversal");

    [Fact]
    public void Local_input_still_counts_for_the_shell() =>
        Assert.Contains(Scan("import os, sys\nos.system('ls ' + sys.argv[1])\n"), f => f.Category == "os-command-injection");

    // LABELING.md: a pasted view body (return outside a def) that returns request data in HTML is XSS;
    // Response(..., mimetype="text/plain") is not rendered as HTML.
    [Theory]
    [InlineData("ua = request.headers.get('User-Agent', '')\nreturn f'<footer>Your browser: {ua}</footer>'\n")]
    [InlineData("    q = request.args.get('q', '')\n    if not results:\n        return '<p>No results for <b>%s</b></p>' % q\n")]
    public void Fragment_returning_request_html_is_xss(string src) => Assert.Contains(Scan(src), f => f.Category == "cross-site-scripting");

    [Theory]
    [InlineData("from flask import Flask, Response, request\napp = Flask(__name__)\n@app.route('/e')\ndef e():\n    msg = request.args.get('msg', '')\n    return Response(f'you said: {msg}', mimetype='text/plain')\n")]
    [InlineData("from flask import Flask, Response, request\napp = Flask(__name__)\n@app.route('/e')\ndef e():\n    msg = request.args.get('msg', '')\n    return Response(f'<p>{msg}</p>', content_type='application/json')\n")]
    [InlineData("import sys\nname = sys.argv[1]\nreturn f'<b>{name}</b>'\n")]
    public void Non_html_or_local_responses_are_not_xss(string src) => Assert.DoesNotContain(Scan(src), f => f.Category == "cross-site-scripting");

    [Fact]
    public void Html_mimetype_response_is_still_xss() =>
        Assert.Contains(Scan("from flask import Flask, Response, request\napp = Flask(__name__)\n@app.route('/e')\ndef e():\n    msg = request.args.get('msg', '')\n    return Response(f'<p>{msg}</p>', mimetype='text/html')\n"), f => f.Category == "cross-site-scripting");

    // LABELING.md: manual zip extraction with member names is path traversal; ZipFile.extractall is safe.
    [Fact]
    public void Manual_zip_extraction_with_member_names_is_path_traversal() =>
        Assert.Contains(Scan("import os, zipfile\ndef extract(zp, dest):\n    with zipfile.ZipFile(zp) as zf:\n        for member in zf.namelist():\n            target = os.path.join(dest, member)\n            with open(target, 'wb') as out:\n                out.write(zf.read(member))\n"), f => f.Category == "path-traversal");

    [Theory]
    [InlineData("import zipfile\ndef unpack(zp, dest):\n    with zipfile.ZipFile(zp) as zf:\n        zf.extractall(dest)\n")]
    [InlineData("import os, zipfile\ndef extract(zp, dest):\n    with zipfile.ZipFile(zp) as zf:\n        for member in zf.namelist():\n            target = os.path.realpath(os.path.join(dest, member))\n            if os.path.commonpath([target, dest]) != dest:\n                raise ValueError(member)\n            with open(target, 'wb') as out:\n                out.write(zf.read(member))\n")]
    public void Zip_extractall_and_contained_member_paths_are_safe(string src) => Assert.DoesNotContain(Scan(src), f => f.Category == "path-traversal");

    // LABELING.md: close() not in finally is a leak when code in between can raise (sockets as well as files).
    [Fact]
    public void Socket_closed_only_on_the_success_path_is_a_leak() =>
        Assert.Contains(Scan("import socket\ndef raw(host):\n    s = socket.socket()\n    s.connect((host, 80))\n    data = s.recv(4096)\n    s.close()\n    return data\n"), f => f.Rule == "PY-LEAK-009");

    [Fact]
    public void Socket_closed_in_finally_is_not_a_leak() =>
        Assert.DoesNotContain(Scan("import socket\ndef raw(host):\n    s = socket.socket()\n    try:\n        s.connect((host, 80))\n        return s.recv(4096)\n    finally:\n        s.close()\n"), f => f.Category == "resource-leak");

    // LABELING.md: obvious non-working placeholders are safe; weak real defaults are still credentials.
    [Theory]
    [InlineData("import openai\nopenai.api_key = 'YOUR_API_KEY'\n")]
    [InlineData("API_KEY = 'your_api_key_here'\n")]
    [InlineData("token = '<your-token>'\n")]
    [InlineData("password = 'xxxxxxxx'\n")]
    public void Obvious_placeholders_are_not_credentials(string src) => Assert.DoesNotContain(Scan(src), f => f.Category == "hardcoded-credentials");

    [Theory]
    [InlineData("password = 'changeme'\n")]
    [InlineData("DB_PASSWORD = 'admin123'\n")]
    [InlineData("SECRET_KEY = 'my-secret-key-2024'\n")]
    public void Weak_real_defaults_are_credentials(string src) => Assert.Contains(Scan(src), f => f.Category == "hardcoded-credentials");

    // verify=False on the program's own function is not certificate validation (LABELING.md)
    [Fact]
    public void Verify_flag_of_own_function_is_not_tls() =>
        Assert.DoesNotContain(Scan("def export(rows, path, verify=False):\n    pass\nexport([], 'r.csv', verify=False)\n"), f => f.Category == "improper-certificate-validation");

    [Fact]
    public void Verify_false_on_requests_is_still_tls() =>
        Assert.Contains(Scan("import requests\ndef get(url):\n    pass\nrequests.get('https://x', verify=False, timeout=3)\n"), f => f.Category == "improper-certificate-validation");

    [Theory]
    [InlineData("import socketserver\nHOST, PORT = '0.0.0.0', 9999\nwith socketserver.TCPServer((HOST, PORT), H) as s:\n    s.serve_forever()\n", "bind-all-interfaces")]
    [InlineData("LOG_FILE = '/var/tmp/app-debug.log'\nlogging.basicConfig(filename=LOG_FILE, level=logging.INFO)\n", "insecure-temp-file")]
    [InlineData("errors = 0\nfor line in Path(log_path).open():\n    errors += 1\n", "resource-leak")]
    [InlineData("import random\nclass OtpService:\n    def issue(self, phone):\n        code = random.randint(100000, 999999)\n        return code\n", "weak-randomness")]
    public void General_rule_extensions_fire(string src, string category) => Assert.Contains(Scan(src), f => f.Category == category);

    [Theory]
    [InlineData("import socketserver\nHOST, PORT = '127.0.0.1', 9999\nwith socketserver.TCPServer((HOST, PORT), H) as s:\n    s.serve_forever()\n", "bind-all-interfaces")]
    [InlineData("import logging\nlogging.basicConfig(filename='app.log', level=logging.INFO)\n", "insecure-temp-file")]
    [InlineData("from pathlib import Path\nwith Path(log_path).open() as fh:\n    n = sum(1 for _ in fh)\n", "resource-leak")]
    [InlineData("import random\nclass DiceGame:\n    def roll(self):\n        value = random.randint(1, 6)\n        return value\n", "weak-randomness")]
    [InlineData("import defusedxml\ndefusedxml.defuse_stdlib()\nimport xml.etree.ElementTree as ET\ndef parse(data):\n    return ET.fromstring(data)\n", "xml-external-entity")]
    public void Safe_look_alikes_stay_clean(string src, string category) => Assert.DoesNotContain(Scan(src), f => f.Category == category);

    // LABELING.md: network messages are a remote source even outside web frameworks.
    [Fact]
    public void Path_from_a_network_message_is_path_traversal() =>
        Assert.Contains(Scan("import socket\ndef serve(conn):\n    name = conn.recv(256).decode()\n    with open('/srv/files/' + name, 'rb') as fh:\n        conn.sendall(fh.read())\n"), f => f.Category == "path-traversal");
}
