data = yaml.load(request.data, Loader=yaml.Loader)
