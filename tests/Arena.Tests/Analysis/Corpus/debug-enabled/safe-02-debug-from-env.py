app.run(debug=os.environ.get("FLASK_DEBUG") == "1")
