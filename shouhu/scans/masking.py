"""Masked copies from the web app: upload a CSV or XLSX, a background job writes the masked copy
into the evidence store (the job page shows its progress and a download link).

The uploaded original holds personal data, so it never enters the evidence store or the database:
it waits in SHOUHU_HOME/tmp (owner-only) for the job, which deletes it when it ends, done or failed.
Only the masked copy is kept. Pseudonyms use the installation's masking key (apart from the data).
"""

from __future__ import annotations

import logging
import os
import secrets
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse

from shouhu.accounts.permissions import require
from shouhu.audit.services import record
from shouhu.core.bilingual import pick
from shouhu.engines.pii import load_key, mask
from shouhu.engines.pii.categories import CATEGORY_LABELS, CATEGORY_LABELS_EN
from shouhu.evidence.services import store
from shouhu.jobs.models import Job
from shouhu.jobs.services import JobError, Progress, ResultView, enqueue, handler
from shouhu.scans.management.commands.mask import installation_mask_key_file

logger = logging.getLogger(__name__)
JOB_KIND = "scans.mask"
KINDS = (".csv", ".xlsx")


def _spool_dir() -> Path:
    folder = Path(settings.SHOUHU_HOME) / "tmp" / "mask"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


def _spool_path(token: str, suffix: str) -> Path:
    if not token.isalnum() or suffix not in KINDS:
        raise JobError("遮罩工作參數無效。")
    return _spool_dir() / f"{token}{suffix}"


def start_mask(*, actor: Any, upload: IO[bytes], filename: str, default: str, methods: dict[str, str]) -> Job:
    """Keep the upload for the job (owner-only, outside the evidence store) and enqueue it."""
    require(actor, "scans.manage")
    name = Path(filename.replace("\\", "/")).name[:200]
    suffix = Path(name).suffix.lower()
    if suffix not in KINDS:
        raise ValidationError({"file": "只接受 CSV 或 XLSX 檔案。"})
    if default not in mask.METHODS or any(m not in mask.METHODS for m in methods.values()):
        raise ValidationError({"default": "未知的遮罩方式。"})
    token = secrets.token_hex(16)
    path = _spool_path(token, suffix)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        for chunk in iter(lambda: upload.read(1024 * 1024), b""):
            handle.write(chunk)
    job = enqueue(
        actor=actor,
        kind=JOB_KIND,
        params={"token": token, "suffix": suffix, "name": name, "default": default, "methods": methods},
    )
    record(
        actor=actor,
        action="scans.mask_started",
        obj=job,
        changes={"file": [None, name], "method": [None, default]},
    )
    return job


def summary(result: dict[str, Any]) -> dict[str, Any]:
    """What a finished masking job did, as rows for the job page and the API: values masked per
    category (labelled in the page's language) and the integers of 7+ digits left unmasked per column."""
    counts = result.get("counts") or {}
    unmasked = result.get("unmasked_numbers") or {}
    return {
        "masked": int(result.get("masked") or 0),
        "download": str(result.get("download") or ""),
        "counts": [
            {
                "category": category,
                "label": pick(CATEGORY_LABELS.get(category, category), CATEGORY_LABELS_EN.get(category)),
                "count": int(n),
            }
            for category, n in sorted(counts.items(), key=lambda item: (-int(item[1]), item[0]))
        ],
        "unmasked_numbers": [
            {"column": str(column), "count": int(n)}
            for column, n in sorted(unmasked.items(), key=lambda item: (-int(item[1]), str(item[0])))
        ],
        "unmasked_total": sum(int(n) for n in unmasked.values()),
    }


def _result_context(job: Job) -> dict[str, Any]:
    return {"mask": summary(job.result or {})}


@handler(
    JOB_KIND,
    permission="scans.manage",
    result=ResultView(template="scans/_mask_result.html", context=_result_context),
)
def run_mask(job: Job, progress: Progress) -> dict[str, Any]:
    params = job.params
    source = _spool_path(str(params.get("token", "")), str(params.get("suffix", "")))
    target = source.with_name(f"{source.stem}-masked{source.suffix}")
    try:
        if not source.exists():
            raise JobError("找不到上傳的檔案（可能已處理過或已被清除），請重新上傳。")
        progress(0, 2, "遮罩中…")
        key, _ = load_key(installation_mask_key_file())
        policy = mask.Policy(key=key, default=params["default"], methods=dict(params.get("methods") or {}))
        try:
            counts = mask.mask_file(str(source), str(target), policy)
        except ValueError as exc:
            raise JobError(f"無法遮罩這個檔案：{exc}") from None
        progress(1, 2, "儲存遮罩後的檔案…")
        with target.open("rb") as handle:
            evidence = store(
                actor=job.created_by,
                file=handle,
                filename=f"masked-{params.get('name') or 'file' + source.suffix}",
                description="遮罩（隱碼）副本",
                context=f"jobs.job:{job.pk}",
                check_perm=False,
            )
        progress(2, 2, "完成")
        return {
            "evidence_id": evidence.pk,
            "download": reverse("evidence:download", args=[evidence.pk]),
            "masked": sum(counts.values()),
            "counts": counts,
            # integers of 7+ digits no rule or recognizer touched (e.g. a phone typed as a number)
            "unmasked_numbers": dict(policy.unmasked_numbers),
        }
    finally:
        for path in (source, target):
            path.unlink(missing_ok=True)
