config = json.loads(Path("settings.json").read_text(encoding="utf-8"))
print(config.get("name", "unnamed"))
