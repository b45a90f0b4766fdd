        filename = request.form["filename"]
        subprocess.call("rm -f uploads/%s" % filename, shell=True)
        return redirect(url_for("index"))
