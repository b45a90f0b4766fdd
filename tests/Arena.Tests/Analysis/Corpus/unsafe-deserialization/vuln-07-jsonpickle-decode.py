state = jsonpickle.decode(request.get_data(as_text=True))
