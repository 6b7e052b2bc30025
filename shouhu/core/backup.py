"""Backup and restore: one archive with a consistent database snapshot, the evidence files and a manifest.

The manifest lists every member's SHA-256; restore verifies all of them before touching anything. Keys
(SHOUHU_HOME/keys, SHOUHU_FIELD_KEY) are deliberately not in the archive: they are kept apart from data.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import sqlite3
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction

from shouhu import __version__

MANIFEST = "manifest.json"


class BackupError(RuntimeError):
    """A backup could not be written or a restore was refused."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    files: int
    database_bytes: int


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _snapshot_database(target_dir: Path) -> Path:
    engine = settings.DATABASES["default"]["ENGINE"]
    if engine.endswith("sqlite3"):
        out = target_dir / "database.sqlite3"
        connection.ensure_connection()
        source = connection.connection
        dest = sqlite3.connect(out)
        with dest:
            source.backup(dest)  # online, consistent copy
        dest.close()
        return out
    out = target_dir / "database.json"
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        with out.open("w", encoding="utf-8") as fh:
            call_command(
                "dumpdata",
                natural_foreign=True,
                natural_primary=True,
                stdout=fh,
                exclude=["contenttypes", "auth.permission", "sessions", "django_tasks_database"],
            )
    return out


def create_backup(output: Path) -> BackupResult:
    from shouhu.evidence.models import EvidenceBlob
    from shouhu.evidence.services import storage

    output = output.expanduser().resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    entries: dict[str, dict[str, object]] = {}
    with tempfile.TemporaryDirectory(prefix="shouhu-backup-") as tmp:
        db_file = _snapshot_database(Path(tmp))
        fd = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as tar:
            name = f"database/{db_file.name}"
            tar.add(db_file, arcname=name)
            entries[name] = {"sha256": _sha256_file(db_file), "size": db_file.stat().st_size}
            st = storage()
            count = 0
            for blob in EvidenceBlob.objects.order_by("id").iterator():
                with st.open(blob.storage_key, "rb") as fh:
                    data = fh.read()
                sha = hashlib.sha256(data).hexdigest()
                if sha != blob.sha256:
                    raise BackupError(
                        f"佐證檔案 {blob.storage_key} 雜湊不符，請先執行 shouhu evidence verify。"
                    )
                arc = f"evidence/{blob.storage_key}"
                info = tarfile.TarInfo(arc)
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
                entries[arc] = {"sha256": sha, "size": len(data)}
                count += 1
            manifest = {
                "format": "shouhu-backup/1",
                "shouhu_version": __version__,
                "created_at": dt.datetime.now(dt.UTC).isoformat(),
                "database_engine": settings.DATABASES["default"]["ENGINE"],
                "files": entries,
            }
            body = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(body)
            tar.addfile(info, io.BytesIO(body))
    return BackupResult(output, count, int(entries[f"database/{db_file.name}"]["size"]))  # type: ignore[call-overload]


def verify_archive(path: Path) -> dict[str, object]:
    """Check every member against the manifest; raise BackupError naming the first mismatch."""
    try:
        with tarfile.open(path, "r:gz") as tar:
            member = tar.extractfile(MANIFEST)
            if member is None:
                raise BackupError("備份檔缺少 manifest.json。/ No manifest in archive.")
            manifest = json.loads(member.read())
            files: dict[str, dict[str, object]] = manifest.get("files", {})
            seen = set()
            for info in tar.getmembers():
                if info.name == MANIFEST:
                    continue
                if not info.isfile() or info.name.startswith("/") or ".." in Path(info.name).parts:
                    raise BackupError(f"備份檔含有不安全的項目：{info.name} / unsafe member")
                expected = files.get(info.name)
                if expected is None:
                    raise BackupError(f"備份檔有 manifest 未列出的檔案：{info.name} / unlisted member")
                fh = tar.extractfile(info)
                digest = hashlib.sha256(fh.read() if fh else b"").hexdigest()
                if digest != expected["sha256"]:
                    raise BackupError(f"雜湊不符：{info.name}（備份檔已損毀或被竄改）/ hash mismatch")
                seen.add(info.name)
            missing = set(files) - seen
            if missing:
                raise BackupError(f"備份檔缺少檔案：{sorted(missing)[0]} / missing member")
            return manifest
    except (tarfile.TarError, OSError, json.JSONDecodeError) as exc:
        raise BackupError(f"無法讀取備份檔：{exc} / unreadable archive") from exc


def restore_backup(path: Path) -> dict[str, object]:
    """Verify, then restore the database and evidence files into the configured locations."""
    from shouhu.evidence.services import storage

    manifest = verify_archive(path)
    engine = settings.DATABASES["default"]["ENGINE"]
    if str(manifest["database_engine"]).endswith("sqlite3") != engine.endswith("sqlite3"):
        raise BackupError(
            "備份的資料庫類型與目前設定不同。/ Backup was taken from a different database engine."
        )
    with tarfile.open(path, "r:gz") as tar, tempfile.TemporaryDirectory(prefix="shouhu-restore-") as tmp:
        st = storage()
        restored = 0
        for info in tar.getmembers():
            if info.name.startswith("evidence/"):
                key = info.name.removeprefix("evidence/")
                fh = tar.extractfile(info)
                if fh is not None and not st.exists(key):
                    st.save(key, fh)
                    restored += 1
        if engine.endswith("sqlite3"):
            fh = tar.extractfile("database/database.sqlite3")
            assert fh is not None
            tmp_db = Path(tmp) / "restore.sqlite3"
            tmp_db.write_bytes(fh.read())
            connection.ensure_connection()
            src = sqlite3.connect(tmp_db)
            with src:
                src.backup(connection.connection)
            src.close()
        else:
            fh = tar.extractfile("database/database.json")
            assert fh is not None
            dump = Path(tmp) / "database.json"
            dump.write_bytes(fh.read())
            call_command("flush", interactive=False, verbosity=0)
            call_command("loaddata", str(dump), verbosity=0)
    return {"evidence_restored": restored, "created_at": manifest["created_at"]}
