token_file = Path.home() / ".config" / "tool" / "token"
token_file.parent.mkdir(parents=True, exist_ok=True)
token_file.touch(mode=0o600, exist_ok=True)
