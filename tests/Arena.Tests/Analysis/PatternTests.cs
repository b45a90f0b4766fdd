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

    [Fact]
    public void Module_level_session_is_a_low_confidence_leak()
    {
        var f = Assert.Single(Scan("import requests\nsession = requests.Session()\n"), x => x.Rule == "PY-LEAK-004");
        Assert.Equal(Confidence.Low, f.Confidence);
    }

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
    [InlineData("import subprocess\nsubprocess.run('ls -l', shell=False)\n", "PY-CMD-002")]
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
}
