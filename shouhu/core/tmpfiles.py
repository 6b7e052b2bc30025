"""Temporary files that may hold personal data: owner-only, under SHOUHU_HOME/tmp, cleaned after a crash.

Plaintext copies (a database snapshot for a backup, an uploaded file on its way into the evidence store)
never go to the system's /tmp. Folders are created 0700 and files 0600. A process killed with -9 cannot
clean up after itself, so what it left is removed later: staging folders carry their process id and are
removed once that process is gone; uploads Django spooled to disk are removed once they are old (an
upload in progress keeps writing to its file).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from shouhu.core.home import private_dir

UPLOADS = "uploads"
UPLOAD_MAX_AGE_SECONDS = 6 * 3600
# "<purpose>-<pid>-<random>" (random parts from tempfile never contain "-").
_PID = re.compile(r"^\.?[\w.-]*-(\d+)-[^-/]*$")


def tmp_root() -> Path:
    return private_dir("tmp")


def uploads_dir() -> Path:
    return private_dir("tmp", UPLOADS)


@contextlib.contextmanager
def staging_dir(purpose: str) -> Iterator[Path]:
    """An owner-only folder under SHOUHU_HOME/tmp, removed when the block ends (whatever happens)."""
    path = Path(tempfile.mkdtemp(prefix=f"{purpose}-{os.getpid()}-", dir=tmp_root()))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def partial_prefix(target: Path) -> str:
    """Prefix of the temporary file written beside ``target`` by this process."""
    return f".{target.name}-{os.getpid()}-"


def pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _owner_gone(name: str) -> bool:
    match = _PID.match(name)
    return match is not None and not pid_alive(int(match.group(1)))


def clean_partials(folder: Path) -> int:
    """Remove ``.NAME-PID-….partial`` files beside backups left by killed processes."""
    removed = 0
    if folder.is_dir():
        for entry in folder.glob(".*.partial"):
            if _owner_gone(entry.name):
                entry.unlink(missing_ok=True)
                removed += 1
    return removed


def clean_stale(*, upload_max_age: float = UPLOAD_MAX_AGE_SECONDS) -> int:
    """Remove what killed processes left under SHOUHU_HOME/tmp; returns how many entries went."""
    removed = 0
    root = tmp_root()
    for entry in root.iterdir():
        if entry.name == UPLOADS:
            continue
        if _owner_gone(entry.name):
            shutil.rmtree(entry, ignore_errors=True) if entry.is_dir() else entry.unlink(missing_ok=True)
            removed += 1
    cutoff = time.time() - upload_max_age
    for entry in uploads_dir().iterdir():
        with contextlib.suppress(FileNotFoundError):
            if entry.stat().st_mtime < cutoff:
                entry.unlink()
                removed += 1
    return removed
