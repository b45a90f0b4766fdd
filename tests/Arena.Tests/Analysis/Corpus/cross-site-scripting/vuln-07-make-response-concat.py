from flask import Flask, make_response, request

app = Flask(__name__)


@app.post("/preview")
def preview():
    comment = request.form.get("comment", "")
    resp = make_response("<p>" + comment + "</p>")
    resp.headers["Cache-Control"] = "no-store"
    return resp
