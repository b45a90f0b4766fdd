@app.route("/user/<username>")
def profile(username):
    badge = Markup(f"<span class='user'>{username}</span>")
    return render_template("profile.html", badge=badge)
