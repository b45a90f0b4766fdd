@app.route("/calc")
def calc():
    result = eval(request.args.get("formula", "0"))
    return jsonify(result=result)
