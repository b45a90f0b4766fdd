from flask import Flask, Response, request

app = Flask(__name__)


@app.route("/echo")
def echo():
    msg = request.args.get("msg", "")
    return Response(f"you said: {msg}", mimetype="text/plain")
