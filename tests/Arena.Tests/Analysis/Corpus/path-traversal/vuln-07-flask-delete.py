@app.post("/delete")
def delete_upload():
    os.remove(os.path.join(app.config["UPLOAD_FOLDER"], request.form["filename"]))
    return redirect(url_for("uploads"))
