app = FastAPI(title="Orders API", debug=True)
