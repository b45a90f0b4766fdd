from flask import Flask, request

app = Flask(__name__)


@app.post("/age")
def set_age():
    raw = request.form["age"]
    if not raw.isdigit():
        return "<p>Invalid age: {}</p>".format(raw), 400
    return "<p>Saved</p>"
