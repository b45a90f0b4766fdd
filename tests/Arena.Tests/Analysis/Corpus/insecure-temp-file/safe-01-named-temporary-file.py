import subprocess
import tempfile


def render_pdf(html, out_pdf):
    with tempfile.NamedTemporaryFile("w", suffix=".html", encoding="utf-8") as fh:
        fh.write(html)
        fh.flush()
        subprocess.run(["wkhtmltopdf", fh.name, out_pdf], check=True)
    return out_pdf
