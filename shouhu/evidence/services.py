"""The one place files enter Shouhu: hashed once, deduplicated, type-checked, kept under retention."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.files.storage import storages
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shouhu.accounts.permissions import may_read, require
from shouhu.audit.services import record
from shouhu.core import request_context
from shouhu.core.messages import Message
from shouhu.evidence import names
from shouhu.evidence.models import Evidence, EvidenceAccess, EvidenceBlob
from shouhu.evidence.sniff import FileTypeError, detect

CHUNK = 1024 * 1024


class EvidenceError(ValidationError):
    """A file refused by the store (size, type, retention)."""


def storage() -> Any:
    return storages["evidence"]


def _default_retention() -> dt.date:
    today = timezone.localdate()
    years = settings.SHOUHU_EVIDENCE_RETENTION_YEARS
    try:
        return today.replace(year=today.year + years)
    except ValueError:  # 29 February
        return today.replace(year=today.year + years, day=28)


def _spool(source: IO[bytes], max_bytes: int) -> tuple[tempfile.SpooledTemporaryFile[bytes], str, int]:
    """Copy to a spooled temp file while hashing; stop as soon as the size limit is passed."""
    digest = hashlib.sha256()
    spooled: tempfile.SpooledTemporaryFile[bytes] = tempfile.SpooledTemporaryFile(max_size=8 * CHUNK)  # noqa: SIM115 - the caller owns and closes it
    size = 0
    while chunk := source.read(CHUNK):
        size += len(chunk)
        if size > max_bytes:
            spooled.close()
            limit_mb = max_bytes / 1024 / 1024
            raise EvidenceError(
                f"檔案超過大小上限 {limit_mb:.0f} MB。/ File exceeds the {limit_mb:.0f} MB limit."
            )
        digest.update(chunk)
        spooled.write(chunk)
    spooled.seek(0)
    return spooled, digest.hexdigest(), size


def store(
    *,
    actor: Any,
    file: IO[bytes] | bytes,
    filename: str,
    description: str = "",
    context: str = "",
    retention_until: dt.date | None = None,
    locked: bool = False,
    check_perm: bool = True,
    department_id: int | None = None,
    whole_company: bool = False,
    named: Message | None = None,
) -> Evidence:
    """Store one file. Raises EvidenceError (zh-TW) on size/type problems; nothing is written then.

    ``department_id`` files it under a department (None: the whole company); a department-scoped officer
    files only under a department they read. ``whole_company`` marks a compilation of every department's
    records, readable only by roles that read the whole company.

    ``named`` is the name of a file the system wrote (an ``evidence.names`` kind, composed with its facts), so
    pages show it in the reader's language; ``filename`` is then its zh-TW text (an internal file's name is
    ``named.text``; an official document's is the zh-TW name it keeps). An upload passes none."""
    if named is not None and named.key not in names.KINDS:
        raise ValueError(f"evidence name key {named.key!r} is not an evidence.names kind")
    if check_perm:
        require(actor, "evidence.upload")
    if department_id is not None and not may_read(actor, "evidence.view", department_id):
        raise EvidenceError(_("只能將檔案歸入您所屬的部門。"))
    name = (filename or "").replace("\\", "/").rsplit("/", 1)[-1].strip()[:255]
    if not name:
        raise EvidenceError("缺少檔名。/ A file name is required.")
    source: IO[bytes] = io.BytesIO(file) if isinstance(file, bytes) else file
    spooled, sha, size = _spool(source, settings.SHOUHU_EVIDENCE_MAX_BYTES)
    if size == 0:
        raise EvidenceError("檔案是空的。/ The file is empty.")
    try:
        kind = detect(spooled, name)  # type: ignore[arg-type]
    except FileTypeError as exc:
        raise EvidenceError(str(exc)) from exc
    retention = retention_until or _default_retention()
    if retention < timezone.localdate():
        raise EvidenceError("保存期限不可早於今天。/ Retention date is in the past.")
    with transaction.atomic():
        blob = EvidenceBlob.objects.select_for_update().filter(sha256=sha).first()
        if blob is None:
            key = f"{sha[:2]}/{sha[2:4]}/{sha}"
            st = storage()
            if st.exists(key) and _stored_sha256(st, key) != sha:
                st.delete(key)  # an orphan with other content under our key: replace it, never trust it
            if not st.exists(key):
                spooled.seek(0)
                saved = st.save(key, File(spooled, name=sha))
                if saved != key:
                    raise EvidenceError("儲存失敗：檔案鍵值衝突。/ Storage key conflict.")
            blob = EvidenceBlob.objects.create(sha256=sha, size=size, kind=kind, storage_key=key)
        spooled.close()
        evidence = Evidence.objects.create(
            blob=blob,
            original_name=name,
            description=description[:500],
            context=context[:100],
            uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
            retention_until=retention,
            locked=locked,
            department_id=department_id,
            whole_company=whole_company,
            name_key=named.key if named is not None else "",
            name_facts=dict(named.facts) if named is not None else {},
        )
        record(
            actor=actor,
            action="evidence.stored",
            obj=evidence,
            changes={
                "sha256": [None, sha],
                "size": [None, size],
                "kind": [None, kind],
                "retention_until": [None, retention.isoformat()],
                "context": [None, context],
                "department": [None, department_id],
                "whole_company": [None, whole_company],
            },
        )
    return evidence


def _stored_sha256(st: Any, key: str) -> str:
    digest = hashlib.sha256()
    with st.open(key, "rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def open_for_read(*, actor: Any, evidence: Evidence, action: str = "download") -> IO[bytes]:
    """Open the content for a user; records the access in the chain of custody and the audit log."""
    require(actor, "evidence.view")
    if not may_read(actor, "evidence.view", evidence.department_id):
        raise PermissionDenied(_("這個佐證檔案屬於其他部門，您無法開啟。"))
    EvidenceAccess.objects.create(
        evidence=evidence,
        user=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        ip=request_context.current().ip,
    )
    record(actor=actor, action=f"evidence.{action}", obj=evidence)
    return storage().open(evidence.blob.storage_key, "rb")


def read_bytes_internal(evidence: Evidence) -> bytes:
    """Content for internal packaging (e.g. a ZIP the caller audits itself)."""
    with storage().open(evidence.blob.storage_key, "rb") as fh:
        return fh.read()


@transaction.atomic
def set_legal_hold(*, actor: Any, evidence: Evidence, hold: bool) -> None:
    require(actor, "evidence.hold")
    old = evidence.legal_hold
    evidence.legal_hold = hold
    evidence.save(update_fields=["legal_hold"])
    record(actor=actor, action="evidence.legal_hold", obj=evidence, changes={"legal_hold": [old, hold]})


@transaction.atomic
def extend_retention(*, actor: Any, evidence: Evidence, until: dt.date) -> None:
    require(actor, "evidence.hold")
    if until < evidence.retention_until:
        raise EvidenceError("保存期限只能延長，不能縮短。/ Retention can only be extended.")
    old = evidence.retention_until
    evidence.retention_until = until
    evidence.save(update_fields=["retention_until"])
    record(
        actor=actor,
        action="evidence.retention_extended",
        obj=evidence,
        changes={"retention_until": [old.isoformat(), until.isoformat()]},
    )


def delete(*, actor: Any, evidence: Evidence) -> None:
    """Delete an upload once its retention has passed; refused under legal hold, lock or retention."""
    require(actor, "evidence.hold")
    today = timezone.localdate()
    if evidence.legal_hold:
        raise EvidenceError("此檔案在訴訟保存中，不可刪除。/ Under legal hold.")
    if evidence.locked:
        raise EvidenceError("此檔案為鎖定的事故佐證，不可刪除。/ Locked incident evidence.")
    if evidence.retention_until > today:
        raise EvidenceError(
            f"保存期限至 {evidence.retention_until.isoformat()}，期限前不可刪除。/ Retention period not over."
        )
    with transaction.atomic():
        blob = evidence.blob
        record(
            actor=actor,
            action="evidence.deleted",
            obj=evidence,
            changes={"sha256": [blob.sha256, None], "original_name": [evidence.original_name, None]},
        )
        EvidenceAccess.objects.filter(evidence=evidence).delete()
        evidence.delete()
        if not blob.uploads.exists():
            key = blob.storage_key
            blob.delete()
            transaction.on_commit(lambda: storage().delete(key))


@dataclass(frozen=True)
class IntegrityProblem:
    sha256: str
    storage_key: str
    problem: str


def verify_all() -> Iterator[tuple[EvidenceBlob, IntegrityProblem | None]]:
    """Re-hash every stored file; yields each blob with a problem or None."""
    st = storage()
    for blob in EvidenceBlob.objects.order_by("id").iterator():
        try:
            with st.open(blob.storage_key, "rb") as fh:
                digest = hashlib.sha256()
                while chunk := fh.read(CHUNK):
                    digest.update(chunk)
        except Exception as exc:  # any storage error is reported as a problem, never hidden
            yield (
                blob,
                IntegrityProblem(blob.sha256, blob.storage_key, f"檔案遺失 / missing ({type(exc).__name__})"),
            )
            continue
        if digest.hexdigest() != blob.sha256:
            yield (
                blob,
                IntegrityProblem(blob.sha256, blob.storage_key, "雜湊不符（內容被更動）/ hash mismatch"),
            )
        else:
            yield blob, None
