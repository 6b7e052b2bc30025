"""Backup and restore: one archive with a consistent database snapshot, the evidence files and a manifest.

- The manifest lists every member's SHA-256 and is signed (HMAC-SHA256) with the backup-signing key, which
  lives apart from the data (``SHOUHU_BACKUP_KEY`` or ``SHOUHU_HOME/keys/backup-signing-key``). An archive
  edited and given a recomputed manifest no longer verifies.
- Verification reads the whole archive, gzip trailer included (CRC and length), and names what is wrong:
  truncated, corrupt, edited, or signed with another installation's key.
- Writing never destroys the previous backup: the archive is written to a temporary file beside the target
  and renamed over it only when complete. The database snapshot is staged under ``SHOUHU_HOME/tmp``
  (owner-only), never in the system's /tmp, and every temporary file is removed on failure.
- Keys (SHOUHU_HOME/keys, SHOUHU_FIELD_KEY) are not in the archive: they are kept apart from data. The
  manifest records their fingerprints, so restoring into an installation with other keys is refused with
  an explanation; ``export_keys`` writes a separate key file that ``restore_backup(keys=...)`` installs.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gzip
import hashlib
import hmac
import io
import json
import os
import shutil
import sqlite3
import tarfile
import tempfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction

from shouhu import __version__
from shouhu.core.home import key_fingerprint, private_dir, read_or_create_secret
from shouhu.core.tmpfiles import clean_partials, clean_stale, partial_prefix, staging_dir

FORMAT = "shouhu-backup/2"
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
SIGNING_KEY_NAME = "backup-signing-key"
KEYS_FORMAT = "shouhu-keys/1"
CHUNK = 1 << 20


class BackupError(RuntimeError):
    """A backup could not be written or a restore was refused."""


class KeyMismatch(BackupError):
    """The archive belongs to an installation with other keys."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    files: int
    database_bytes: int


# --- keys ------------------------------------------------------------------------------------------------


def signing_key() -> str:
    return os.environ.get("SHOUHU_BACKUP_KEY") or read_or_create_secret(SIGNING_KEY_NAME, nbytes=32)


def _pii_key() -> str:
    return os.environ.get("SHOUHU_PII_HMAC_KEY") or read_or_create_secret("pii-hmac-key", nbytes=32)


def key_fingerprints() -> dict[str, str]:
    """Fingerprints of the keys the data depends on (TOTP seeds, credentials, scan hashes)."""
    return {
        "field_key": key_fingerprint(settings.SHOUHU_FIELD_KEY),
        "pii_hmac_key": key_fingerprint(_pii_key()),
    }


def _sign(body: bytes, key: str) -> str:
    return hmac.new(key.encode(), body, hashlib.sha256).hexdigest()


def export_keys(output: Path) -> Path:
    """Write this installation's keys to ``output`` (mode 0600), to be stored apart from the backups."""
    keys_dir = settings.SHOUHU_HOME / "keys"
    files = {p.name: p.read_text(encoding="ascii").strip() for p in sorted(keys_dir.glob("*")) if p.is_file()}
    bundle = {
        "format": KEYS_FORMAT,
        "created_at": dt.datetime.now(dt.UTC).isoformat(),
        "files": files,
        "fingerprints": key_fingerprints(),
        "environment": sorted(
            name
            for name in ("SHOUHU_FIELD_KEY", "SHOUHU_SECRET_KEY", "SHOUHU_BACKUP_KEY")
            if os.environ.get(name)
        ),
    }
    _atomic_write(output, json.dumps(bundle, indent=2).encode())
    return output


def _read_keys(path: Path) -> dict[str, str]:
    try:
        bundle = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BackupError(f"無法讀取金鑰檔：{type(exc).__name__} / unreadable key file") from exc
    if (
        not isinstance(bundle, dict)
        or bundle.get("format") != KEYS_FORMAT
        or not isinstance(bundle.get("files"), dict)
    ):
        raise BackupError("這不是守護的金鑰檔。/ Not a Shouhu key file.")
    return {str(k): str(v) for k, v in bundle["files"].items()}


# --- writing ---------------------------------------------------------------------------------------------


def _atomic_write(target: Path, data: bytes) -> None:
    target = target.expanduser().resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    with _replacing(target) as fh:
        fh.write(data)


@contextlib.contextmanager
def _replacing(target: Path) -> Iterator[IO[bytes]]:
    """A file (0600) beside ``target`` that replaces it atomically on success and vanishes on failure."""
    clean_partials(target.parent)  # what a killed backup left here
    fd, tmp_name = tempfile.mkstemp(prefix=partial_prefix(target), suffix=".partial", dir=target.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        tmp.replace(target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    with contextlib.suppress(OSError):  # make the rename durable
        dir_fd = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _snapshot_database(target_dir: Path) -> Path:
    engine = settings.DATABASES["default"]["ENGINE"]
    if engine.endswith("sqlite3"):
        out = target_dir / "database.sqlite3"
        os.close(os.open(out, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))  # owner-only whatever the umask
        connection.ensure_connection()
        source = connection.connection
        dest = sqlite3.connect(out)
        with dest:
            source.backup(dest)  # online, consistent copy
        dest.close()
        return out
    out = target_dir / "database.json"
    os.close(os.open(out, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
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


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mode = 0o600
    tar.addfile(info, io.BytesIO(data))


def create_backup(output: Path) -> BackupResult:
    from shouhu.evidence.models import EvidenceBlob
    from shouhu.evidence.services import storage

    output = output.expanduser().resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    key = signing_key()
    clean_stale()
    entries: dict[str, dict[str, object]] = {}
    count = 0
    with staging_dir("backup") as tmp, _replacing(output) as raw:
        db_file = _snapshot_database(tmp)
        db_name = f"database/{db_file.name}"
        db_size = db_file.stat().st_size
        with tarfile.open(fileobj=raw, mode="w:gz") as tar:
            tar.add(db_file, arcname=db_name)
            entries[db_name] = {"sha256": _sha256_file(db_file), "size": db_size}
            db_file.unlink()  # the plaintext copy goes as soon as it is in the archive
            st = storage()
            for blob in EvidenceBlob.objects.order_by("id").iterator():
                with st.open(blob.storage_key, "rb") as fh:
                    data = fh.read()
                sha = hashlib.sha256(data).hexdigest()
                if sha != blob.sha256:
                    raise BackupError(
                        f"佐證檔案 {blob.storage_key} 雜湊不符，請先執行 shouhu evidence verify。"
                    )
                arc = f"evidence/{blob.storage_key}"
                _add_bytes(tar, arc, data)
                entries[arc] = {"sha256": sha, "size": len(data)}
                count += 1
            manifest = {
                "format": FORMAT,
                "shouhu_version": __version__,
                "created_at": dt.datetime.now(dt.UTC).isoformat(),
                "database_engine": settings.DATABASES["default"]["ENGINE"],
                "keys": key_fingerprints(),
                "files": entries,
            }
            body = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
            _add_bytes(tar, MANIFEST, body)
            signature = {
                "alg": "HMAC-SHA256",
                "signing_key": key_fingerprint(key),
                "mac": _sign(body, key),
            }
            _add_bytes(tar, SIGNATURE, json.dumps(signature).encode())
    return BackupResult(output, count, db_size)


# --- verifying -------------------------------------------------------------------------------------------


@dataclass
class _Scan:
    digests: dict[str, str]
    manifest_body: bytes | None = None
    signature: dict[str, Any] | None = None


def _read_archive(path: Path) -> _Scan:
    """One pass over the whole archive: member hashes, the manifest, the signature, the gzip trailer."""
    scan = _Scan(digests={})
    seen: set[str] = set()
    try:
        with path.open("rb") as raw, gzip.GzipFile(fileobj=raw, mode="rb") as gz:
            with tarfile.open(fileobj=gz, mode="r|") as tar:
                for info in tar:
                    name = info.name
                    if not info.isfile() or name.startswith("/") or ".." in Path(name).parts:
                        raise BackupError(f"備份檔含有不安全的項目：{name} / unsafe member")
                    if name in seen:
                        raise BackupError(f"備份檔中重複的項目：{name} / duplicate member")
                    seen.add(name)
                    fh = tar.extractfile(info)
                    if fh is None:
                        raise BackupError(f"無法讀取備份檔中的 {name} / unreadable member")
                    if name == MANIFEST:
                        scan.manifest_body = fh.read()
                    elif name == SIGNATURE:
                        scan.signature = json.loads(fh.read())
                    else:
                        digest = hashlib.sha256()
                        while chunk := fh.read(CHUNK):
                            digest.update(chunk)
                        scan.digests[name] = digest.hexdigest()
            while gz.read(CHUNK):  # the tar end may come before the gzip end: read to the trailer
                pass
    except BackupError:
        raise
    except EOFError as exc:
        raise BackupError("備份檔不完整（檔案被截斷）。/ The archive is truncated.") from exc
    except (gzip.BadGzipFile, zlib.error) as exc:
        raise BackupError(
            "備份檔已損毀（壓縮資料校驗失敗）。/ The archive is corrupt (gzip check failed)."
        ) from exc
    except tarfile.TarError as exc:
        raise BackupError("備份檔已損毀（無法讀取封存內容）。/ The archive is corrupt (tar).") from exc
    except (ValueError, UnicodeDecodeError) as exc:
        raise BackupError("備份檔的簽章無法讀取。/ Unreadable signature.") from exc
    except OSError as exc:
        raise BackupError(
            f"無法讀取備份檔：{exc.strerror or type(exc).__name__} / unreadable archive"
        ) from exc
    return scan


def verify_archive(path: Path, *, keys: Path | None = None, allow_unsigned: bool = False) -> dict[str, Any]:
    """Check the whole archive, its signature and every member; raise BackupError naming the problem.

    ``keys`` is a key file from another installation (see :func:`export_keys`): its signing key is used.
    """
    scan = _read_archive(path)
    if scan.manifest_body is None:
        raise BackupError("備份檔缺少清單 manifest.json。/ No manifest in archive.")
    try:
        manifest: dict[str, Any] = json.loads(scan.manifest_body)
    except ValueError as exc:
        raise BackupError("備份檔的清單無法讀取。/ Unreadable manifest.") from exc
    if scan.signature is None:
        if not allow_unsigned:
            raise BackupError(
                "備份檔沒有簽章（舊格式或被移除），無法確認未被修改；確定要還原請加 --allow-unsigned。"
                " / The archive is not signed."
            )
    else:
        key = _read_keys(keys).get(SIGNING_KEY_NAME, "") if keys else signing_key()
        if scan.signature.get("signing_key") != key_fingerprint(key):
            raise KeyMismatch(
                "備份檔是以另一個安裝的備份簽章金鑰簽署的，無法以本機金鑰驗證。請以 --keys 提供原安裝的金鑰檔"
                "（shouhu backup --export-keys 產生），或設定 SHOUHU_BACKUP_KEY 為原金鑰。"
                " / Signed with another installation's backup key: pass its key file with --keys."
            )
        if not hmac.compare_digest(str(scan.signature.get("mac", "")), _sign(scan.manifest_body, key)):
            raise BackupError(
                "備份檔的清單簽章不符：備份檔已被修改。/ Manifest signature mismatch: the archive was edited."
            )
    files: dict[str, dict[str, Any]] = manifest.get("files", {})
    for name, digest in scan.digests.items():
        expected = files.get(name)
        if expected is None:
            raise BackupError(f"備份檔有清單未列出的檔案：{name} / unlisted member")
        if digest != expected.get("sha256"):
            raise BackupError(f"雜湊不符：{name}（備份檔已損毀或被竄改）/ hash mismatch")
    missing = set(files) - set(scan.digests)
    if missing:
        raise BackupError(f"備份檔缺少檔案：{sorted(missing)[0]} / missing member")
    return manifest


def key_differences(manifest: dict[str, Any], *, keys: Path | None = None) -> list[str]:
    """Names of the keys this installation (or the key file) holds differently from the backup's."""
    recorded: dict[str, str] = manifest.get("keys") or {}
    if keys is not None:
        files = _read_keys(keys)
        current = {
            "field_key": key_fingerprint(files.get("field-encryption-key", settings.SHOUHU_FIELD_KEY)),
            "pii_hmac_key": key_fingerprint(files.get("pii-hmac-key", _pii_key())),
        }
    else:
        current = key_fingerprints()
    return [name for name, value in recorded.items() if current.get(name) != value]


KEY_LABELS = {"field_key": "欄位加密金鑰（TOTP、連線帳密）", "pii_hmac_key": "個資掃描雜湊金鑰"}


def install_keys(keys: Path) -> list[str]:
    """Copy the key file's keys into SHOUHU_HOME/keys (the replaced ones are kept beside, renamed)."""
    files = _read_keys(keys)
    keys_dir = private_dir("keys")
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d%H%M%S")
    for name, value in files.items():
        if "/" in name or name.startswith("."):
            raise BackupError(f"金鑰檔中不安全的名稱：{name} / unsafe key name")
        target = keys_dir / name
        if target.exists():
            if target.read_text(encoding="ascii").strip() == value:
                continue
            target.rename(keys_dir / f"{name}.replaced-{stamp}")
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(value)
    return sorted(files)


# --- restoring -------------------------------------------------------------------------------------------


def restore_backup(
    path: Path, *, keys: Path | None = None, allow_unsigned: bool = False
) -> dict[str, object]:
    """Verify, check the keys, then restore the database and evidence files into the configured locations.

    With ``keys`` (a key file), its keys are installed into SHOUHU_HOME/keys first; the processes that
    serve this installation must be restarted to use them.
    """
    from shouhu.evidence.services import storage

    manifest = verify_archive(path, keys=keys, allow_unsigned=allow_unsigned)
    engine = settings.DATABASES["default"]["ENGINE"]
    if str(manifest["database_engine"]).endswith("sqlite3") != engine.endswith("sqlite3"):
        raise BackupError(
            "備份的資料庫類型與目前設定不同。/ Backup was taken from a different database engine."
        )
    different = key_differences(manifest, keys=keys)
    if different:
        names = "、".join(KEY_LABELS.get(name, name) for name in different)
        raise KeyMismatch(
            f"此備份屬於金鑰不同的安裝（{names}不同）：還原後雙因素驗證與加密資料將無法使用。"
            "請以 --keys 提供原安裝的金鑰檔（shouhu backup --export-keys 產生）一併還原金鑰，"
            "或將 SHOUHU_FIELD_KEY 等環境變數設為原值。"
            " / This backup belongs to an installation with other keys: pass its key file with --keys."
        )
    installed = install_keys(keys) if keys is not None else []
    restored = 0
    with tarfile.open(path, "r:gz") as tar, staging_dir("restore") as tmp:
        st = storage()
        for info in tar.getmembers():
            if info.name.startswith("evidence/"):
                key = info.name.removeprefix("evidence/")
                fh = tar.extractfile(info)
                if fh is not None and not st.exists(key):
                    st.save(key, fh)
                    restored += 1
        if engine.endswith("sqlite3"):
            fh = tar.extractfile("database/database.sqlite3")
            if fh is None:
                raise BackupError("備份檔缺少資料庫。/ No database in archive.")
            tmp_db = tmp / "restore.sqlite3"
            with tmp_db.open("wb") as out:
                shutil.copyfileobj(fh, out, CHUNK)
            connection.ensure_connection()
            src = sqlite3.connect(tmp_db)
            with src:
                src.backup(connection.connection)
            src.close()
        else:
            fh = tar.extractfile("database/database.json")
            if fh is None:
                raise BackupError("備份檔缺少資料庫。/ No database in archive.")
            dump = tmp / "database.json"
            with dump.open("wb") as out:
                shutil.copyfileobj(fh, out, CHUNK)
            call_command("flush", interactive=False, verbosity=0)
            call_command("loaddata", str(dump), verbosity=0)
    # The audit chain now is the backup's: checkpoints written since describe the replaced data.
    from shouhu.audit import checkpoints

    checkpoints.mark_restored()
    return {"evidence_restored": restored, "created_at": manifest["created_at"], "keys_installed": installed}
