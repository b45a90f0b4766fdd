@app.route("/api/echo")
def echo():
    return jsonify(message=request.args.get("msg", ""))
