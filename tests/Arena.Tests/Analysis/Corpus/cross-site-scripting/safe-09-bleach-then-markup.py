import bleach
from flask import Flask, render_template, request
from markupsafe import Markup

app = Flask(__name__)
ALLOWED = ["b", "i", "em", "strong", "a"]


@app.post("/preview")
def preview():
    clean = bleach.clean(request.form.get("bio", ""), tags=ALLOWED, strip=True)
    return render_template("preview.html", bio=Markup(clean))
