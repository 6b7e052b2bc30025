"""The data folder (SHOUHU_HOME) and the secrets generated inside it.

With no configuration everything lives under one folder: the SQLite database, evidence files, generated
secret keys. Keys are kept in ``keys/`` apart from the database and evidence, each file mode 0600.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def shouhu_home() -> Path:
    """Return the data folder, creating it (mode 0700) if needed."""
    home = Path(os.environ.get("SHOUHU_HOME") or Path.home() / ".shouhu").expanduser()
    home.mkdir(parents=True, exist_ok=True, mode=0o700)
    return home


def read_or_create_secret(name: str, *, nbytes: int = 50) -> str:
    """Read the secret ``keys/<name>`` under the data folder, creating it with mode 0600 on first use."""
    keys = shouhu_home() / "keys"
    keys.mkdir(exist_ok=True, mode=0o700)
    path = keys / name
    if not path.exists():
        value = secrets.token_urlsafe(nbytes)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(value)
    return path.read_text(encoding="ascii").strip()


def private_dir(*parts: str) -> Path:
    """A folder under the data folder readable by its owner only (temporary files, checkpoints)."""
    path = shouhu_home().joinpath(*parts)
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    path.chmod(0o700)
    return path


def key_fingerprint(value: str) -> str:
    """A short, non-reversible name for a key, to tell whether two installations hold the same key."""
    import hashlib

    return hashlib.sha256(f"shouhu-key-id:{value}".encode()).hexdigest()[:16]
