cfg = json.loads(raw, object_hook=lambda d: Config(**d) if "name" in d else d)
