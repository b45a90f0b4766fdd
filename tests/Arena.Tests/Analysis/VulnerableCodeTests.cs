namespace Arena.Tests.Analysis;

/// <summary>Realistic vulnerable LLM-style answers: exact expected (rule, line) labels.</summary>
public class VulnerableCodeTests
{
    private static void Expect(string src, params string[] expected)
    {
        var got = RuleTests.Scan(src).Select(f => $"{f.Rule}@{f.Line}").ToArray();
        Assert.Equal(expected.Order().ToArray(), got.Order().ToArray());
    }

    [Fact]
    public void Flask_app_with_many_injections() => Expect(
        """
        import os, subprocess, pickle, base64
        from flask import Flask, request

        app = Flask(__name__)

        @app.route("/exec")
        def run():
            cmd = request.args.get("cmd")
            proc = subprocess.Popen(cmd, shell=True, stdout=subprocess.PIPE)
            out, err = proc.communicate()
            return out

        @app.route("/load", methods=["POST"])
        def load():
            data = base64.b64decode(request.form["payload"])
            obj = pickle.loads(data)
            return str(obj)

        @app.route("/read")
        def read_file():
            filename = request.args["f"]
            return open(os.path.join("static", filename)).read()

        @app.route("/calc")
        def calc():
            return str(eval(request.args.get("expr")))

        @app.route("/comment", methods=["POST"])
        def comment():
            text = request.form.get("text")
            html = "<div class='comment'>{}</div>".format(text)
            return html
        """,
        "PY-CMD-001@9", "PY-DESER-001@16", "PY-LEAK-006@22", "PY-PATH-001@22", "PY-CODE-001@26", "PY-XSS-001@32");

    [Fact]
    public void Token_generation_hashing_and_requests() => Expect(
        """
        import random
        import string
        import hashlib
        import requests

        def generate_otp():
            return str(random.randint(100000, 999999))

        def create_api_key():
            key = ''.join(random.choice(string.ascii_letters + string.digits) for _ in range(32))
            return key

        def reset_password(email):
            token = random.getrandbits(64)
            send(email, token)

        def store_password(pw):
            salt = "static_salt"
            return hashlib.md5((salt + pw).encode()).hexdigest()

        def fetch_data():
            r = requests.post("http://api.internal.example.com/v1/data", json={"a": 1}, verify=False)
            return r.json()
        """,
        "PY-RAND-001@7", "PY-RAND-001@10", "PY-RAND-001@14", "PY-HASH-003@19", "PY-NET-004@22", "PY-TIMEOUT-001@22", "PY-TLS-001@22");
}
