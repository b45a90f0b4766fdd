DEBUG_MODE = True
app.run(port=8080, debug=DEBUG_MODE)
