from flask import Flask, jsonify

app = Flask(__name__)
app.debug = True


@app.route("/health")
def health():
    return jsonify(ok=True)
