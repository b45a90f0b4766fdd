if username == "admin" and password == "letmein!":
    session["is_admin"] = True
    return redirect("/dashboard")
