import html

from fastapi import FastAPI
from fastapi.responses import HTMLResponse

app = FastAPI()


@app.get("/comment", response_class=HTMLResponse)
def show_comment(text: str):
    return HTMLResponse(content=f"<div class='comment'>{html.escape(text)}</div>")
