config_path = Path.home() / ".myapp" / "config.ini"
config_path.write_text(config_text)
config_path.chmod(0o666)
