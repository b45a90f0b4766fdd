with open("config.yml") as f:
    config = yaml.safe_load(f)
