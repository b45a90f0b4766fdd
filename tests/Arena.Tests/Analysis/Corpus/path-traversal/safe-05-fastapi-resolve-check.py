from pathlib import Path

from fastapi import FastAPI, HTTPException
from fastapi.responses import FileResponse

app = FastAPI()
STATIC = Path("static").resolve()


@app.get("/static/{name}")
def static_file(name: str):
    target = (STATIC / name).resolve()
    if not target.is_relative_to(STATIC):
        raise HTTPException(status_code=404)
    return FileResponse(target)
