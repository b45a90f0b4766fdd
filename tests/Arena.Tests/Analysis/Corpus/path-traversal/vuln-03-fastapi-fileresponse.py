from fastapi import FastAPI
from fastapi.responses import FileResponse

app = FastAPI()


@app.get("/static/{name}")
def static_file(name: str):
    return FileResponse(f"static/{name}")
