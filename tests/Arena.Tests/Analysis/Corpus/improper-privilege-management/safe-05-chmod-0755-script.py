import os
import stat
from pathlib import Path


def install_hook(repo: Path, body: str) -> Path:
    hook = repo / ".git" / "hooks" / "pre-commit"
    hook.write_text(body)
    os.chmod(hook, 0o755)
    return hook
