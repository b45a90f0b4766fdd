import subprocess
import tempfile


def render_pdf(html):
    path = tempfile.mktemp(suffix=".html")
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(html)
    subprocess.run(["wkhtmltopdf", path, path + ".pdf"], check=True)
    return path + ".pdf"
