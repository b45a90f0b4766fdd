import hashlib
from pathlib import Path


def content_id(path: Path) -> str:
    return hashlib.blake2b(path.read_bytes(), digest_size=20).hexdigest()


def find_duplicates(folder: Path):
    seen = {}
    for p in folder.rglob("*"):
        if p.is_file():
            seen.setdefault(content_id(p), []).append(p)
    return [v for v in seen.values() if len(v) > 1]
