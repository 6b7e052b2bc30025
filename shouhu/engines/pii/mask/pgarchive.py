"""pg_dump archives (custom ``-Fc``, tar ``-Ft`` and directory ``-Fd`` format) read through PostgreSQL's own
``pg_restore``.

An archive is compressed and binary; ``pg_restore -f -`` turns it into the plain SQL script psql
would run, which is masked line by line like any SQL dump as it streams. **The output is that plain
SQL script** (load it with ``psql -f``), not an archive again: making an archive needs a running
database (pg_dump reads a server), so restore the masked script into one and dump it if an archive
is required. The note in ``policy.notes`` says so on every run.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tarfile
import tempfile
from typing import Final

from .core import Policy
from .files import Lines
from .sqldump import mask_dump

MAGIC: Final = b"PGDMP"


def archive_kind(path: str) -> str | None:
    """``"custom"``, ``"tar"`` or ``"directory"`` when ``path`` is a pg_dump archive, else ``None`` (by
    content: a directory archive is a directory whose ``toc.dat`` starts like a custom archive)."""
    if os.path.isdir(path):
        try:
            with open(os.path.join(path, "toc.dat"), "rb") as handle:
                return "directory" if handle.read(len(MAGIC)) == MAGIC else None
        except OSError:
            return None
    try:
        with open(path, "rb") as handle:
            head = handle.read(len(MAGIC))
    except OSError:
        return None
    if head == MAGIC:
        return "custom"
    try:
        if tarfile.is_tarfile(path):
            with tarfile.open(path) as archive:
                if "toc.dat" in archive.getnames():
                    return "tar"
    except (tarfile.TarError, OSError):
        return None
    return None


def _pg_restore() -> str:
    found = os.environ.get("SHOUHU_PG_RESTORE") or shutil.which("pg_restore")
    if not found:
        raise ValueError(
            "讀取 pg_dump 自訂格式需要 PostgreSQL 的 pg_restore 程式 / "
            "pg_restore (PostgreSQL client tools) is needed to read a pg_dump archive"
        )
    return found


def mask_archive(source: str, target: str, policy: Policy) -> None:
    """Write the masked plain-SQL script of the pg_dump archive ``source`` to ``target``."""
    command = [_pg_restore(), "--file=-", source]
    with (
        tempfile.TemporaryFile() as errors,
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=errors) as proc,  # noqa: S603
    ):
        assert proc.stdout is not None
        lines = io.TextIOWrapper(proc.stdout, encoding="utf-8", errors="surrogateescape", newline="")
        try:
            with open(target, "w", encoding="utf-8", errors="surrogateescape", newline="") as dst:
                mask_dump(Lines(lines), policy, dst.write)  # a line past MAX_LINE is refused
        finally:
            lines.close()
            code = proc.wait()
        if code != 0:
            errors.seek(0)
            message = errors.read().decode("utf-8", "replace").strip().splitlines()
            os.unlink(target)
            detail = message[-1][:200] if message else f"exit {code}"
            raise ValueError(f"pg_restore 無法讀取這個檔案 / pg_restore could not read the archive: {detail}")
    policy.notes.append(
        "pg_dump 封存檔已輸出為純文字 SQL（以 psql -f 載入），不是封存格式 / "
        "the pg_dump archive was written as a plain SQL script (load it with psql -f), not as an archive"
    )
