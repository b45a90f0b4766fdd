app.config["DEBUG"] = False
if app.debug:
    print("debug mode is on")
