"""Masked copies from the web app and the API: upload a CSV, TSV, XLSX, JSONL or SQL dump (plain SQL, or a
pg_dump custom ``-Fc`` / tar ``-Ft`` archive, masked into plain SQL), a background job writes the masked copy
into the evidence store (the job page shows its progress and a download link).

The uploaded original holds personal data, so it never enters the evidence store or the database:
it waits in SHOUHU_HOME/tmp (owner-only) for the job, which deletes it when it ends, done or failed.
Only the masked copy is kept. Pseudonyms use the installation's masking key (apart from the data).
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import IO, Any, Final

from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from shouhu.accounts.permissions import require
from shouhu.audit.services import record
from shouhu.core.bilingual import halves, pick
from shouhu.core.messages import compose, define
from shouhu.engines.pii import load_key, mask
from shouhu.engines.pii.categories import CATEGORY_LABELS, CATEGORY_LABELS_EN
from shouhu.engines.pii.mask.core import rule_from_data
from shouhu.engines.pii.mask.pgarchive import archive_kind
from shouhu.engines.pii.readers.encoding import detect_encoding
from shouhu.engines.pii.readers.units import SkipError
from shouhu.evidence import names
from shouhu.evidence.services import EvidenceError, store
from shouhu.jobs.models import Job
from shouhu.jobs.services import DONE, JobError, Progress, ResultView, enqueue, handler
from shouhu.scans.management.commands.mask import installation_mask_key_file

logger = logging.getLogger(__name__)
JOB_KIND = "scans.mask"
#: Upload types accepted, by extension: (format shown, extension of the masked copy). A pg_dump archive
#: (``.dump``/``.backup`` custom format, ``.tar``, or a ``.sql`` whose content is an archive) becomes plain SQL.
FORMATS: Final[dict[str, tuple[str, str]]] = {
    ".csv": ("CSV", ".csv"),
    ".tsv": ("TSV", ".tsv"),
    ".xlsx": ("XLSX", ".xlsx"),
    ".jsonl": ("JSONL", ".jsonl"),
    ".ndjson": ("JSONL", ".jsonl"),
    ".sql": ("SQL", ".sql"),
    ".dump": ("pg_dump", ".sql"),
    ".backup": ("pg_dump", ".sql"),
    ".tar": ("pg_dump", ".sql"),
}
KINDS: Final = tuple(FORMATS)
#: Methods the web page and the API offer (``keep`` only through a column rule of the command line).
OFFERED_METHODS: Final = ("partial", "pseudonym", "hash", "generalize", "remove")
#: Categories the web page and the API let the user set apart from the default method.
OFFERED_CATEGORIES: Final = ("birth_date", "address")
_TEXT_SAMPLE: Final = 64 * 1024


def _spool_dir() -> Path:
    folder = Path(settings.SHOUHU_HOME) / "tmp" / "mask"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


def _spool_path(token: str, suffix: str) -> Path:
    if not token.isalnum() or suffix not in KINDS:
        raise JobError(compose(BAD_PARAMS))
    return _spool_dir() / f"{token}{suffix}"


def accepted_formats() -> str:
    """The accepted upload formats, for help texts and error messages (zh-TW, or English)."""
    return _("CSV、TSV、XLSX、JSONL、SQL 傾印檔（純文字 SQL，或 pg_dump 自訂 -Fc／tar -Ft 封存檔）")


def _refuse(message: str) -> ValidationError:
    return ValidationError({"file": [message]})


def _spool(upload: IO[bytes], path: Path, limit: int) -> int:
    """Copy the upload to ``path`` (owner-only); refuse it past ``limit`` bytes (nothing is kept then)."""
    size = 0
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        for chunk in iter(lambda: upload.read(1024 * 1024), b""):
            size += len(chunk)
            if size > limit:
                raise _refuse(_("檔案超過 %(mb)s MB 上限。") % {"mb": f"{limit / 1024 / 1024:g}"})
            handle.write(chunk)
    if size == 0:
        raise _refuse(_("檔案是空的。"))
    return size


def identify(path: Path, suffix: str) -> str:
    """The upload's format by content, checked against its extension (a clear message when they differ)."""
    label = FORMATS[suffix][0]
    archive = archive_kind(str(path)) if suffix in (".sql", ".dump", ".backup", ".tar") else None
    if archive:
        return "pg_dump -Fc" if archive == "custom" else "pg_dump -Ft"
    if label == "pg_dump":
        raise _refuse(
            _("這不是 pg_dump 封存檔（自訂 -Fc 或 tar -Ft 格式）。純文字 SQL 傾印檔請以 .sql 上傳。")
        )
    if label == "XLSX":
        try:
            with zipfile.ZipFile(path) as book:
                if any(n.startswith("xl/") for n in book.namelist()):
                    return label
        except (zipfile.BadZipFile, OSError):
            pass
        raise _refuse(_("內容不是 XLSX 活頁簿。"))
    with path.open("rb") as handle:
        head = handle.read(_TEXT_SAMPLE)
    try:
        encoding = detect_encoding(head)
    except SkipError:
        raise _refuse(
            _("內容不是文字檔（無法辨識編碼），不能當作 %(format)s 遮罩。") % {"format": label}
        ) from None
    if label == "JSONL":
        text = head.decode(encoding, errors="ignore")
        lines = text.splitlines()
        first = next(((n, line) for n, line in enumerate(lines[:-1] or lines, 1) if line.strip()), None)
        if first is not None:
            try:
                json.loads(first[1])
            except ValueError:
                raise _refuse(
                    _("JSONL 檔第 %(line)s 行不是 JSON（每行應為一個 JSON 值）。") % {"line": first[0]}
                ) from None
    return label


def check_methods(default: str, methods: dict[str, str]) -> None:
    """The methods the page and the API offer: a ``ValidationError`` on the field of an unknown one."""
    if default not in OFFERED_METHODS:
        raise ValidationError({"default": [_("未知的遮罩方式。")]})
    for category, method in methods.items():
        if category not in OFFERED_CATEGORIES or method not in OFFERED_METHODS:
            raise ValidationError({category: [_("未知的遮罩方式。")]})


def column_rules_of(rules: str, columns: list[Mapping[str, Any]] | None) -> list[mask.ColumnRule]:
    """The column rules of a masking request: structured picks (``{table, column, method, category}``)
    first, then text rules (``COLUMN=METHOD[:CATEGORY]`` per line); a ``ValidationError`` on ``columns`` or
    ``rules`` in the reader's language names the bad one."""
    try:
        picked = mask.column_rules(columns or [])
    except ValueError as exc:
        raise ValidationError({"columns": [_one_language(str(exc))]}) from None
    try:
        written = mask.parse_rules(rules)
    except ValueError as exc:
        raise ValidationError({"rules": [_one_language(str(exc))]}) from None
    return [*picked, *written]


def picks_from_json(text: str) -> list[Mapping[str, Any]]:
    """Structured picks sent as one JSON text (a multipart form field): a list of objects; a
    ``ValidationError`` on ``columns`` otherwise (what each object holds is checked by ``column_rules``)."""
    if not text.strip():
        return []
    try:
        picks = json.loads(text)
    except ValueError:
        picks = None
    if not isinstance(picks, list):
        raise ValidationError(
            {
                "columns": [
                    _("欄位規則（columns）應為 JSON 陣列，每項為含 table、column、method、category 的物件。")
                ]
            }
        )
    return picks


def start_mask(
    *,
    actor: Any,
    upload: IO[bytes],
    filename: str,
    default: str,
    methods: dict[str, str],
    rules: str = "",
    columns: list[Mapping[str, Any]] | None = None,
) -> Job:
    """Keep the upload for the job (owner-only, outside the evidence store) and enqueue it.

    The upload is bounded (``SHOUHU_MASK_MAX_BYTES``) and its content must match its extension; a refusal
    is a ``ValidationError`` on ``file`` in the reader's language and keeps nothing. ``columns`` (structured
    picks) and ``rules`` (text rules) are the column rules, as for a database copy; a pick's table is, in an
    SQL dump, the table of each statement, in an XLSX workbook the sheet, and in a CSV/TSV/JSONL file the
    uploaded file's name without its extension."""
    require(actor, "scans.manage")
    name = Path(filename.replace("\\", "/")).name[:200]
    suffix = Path(name).suffix.lower()
    if suffix not in FORMATS:
        raise _refuse(
            _("不支援的檔案格式「%(ext)s」。可上傳：%(formats)s。")
            % {"ext": suffix or _("（無副檔名）"), "formats": accepted_formats()}
        )
    check_methods(default, methods)
    chosen = column_rules_of(rules, columns)
    token = secrets.token_hex(16)
    path = _spool_path(token, suffix)
    try:
        _spool(upload, path, settings.SHOUHU_MASK_MAX_BYTES)
        kind = identify(path, suffix)
        job = enqueue(
            actor=actor,
            kind=JOB_KIND,
            params={
                "token": token,
                "suffix": suffix,
                "name": name,
                "format": kind,
                "default": default,
                "methods": methods,
                "picked": [rule.as_data() for rule in chosen],
            },
        )
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    record(
        actor=actor,
        action="scans.mask_started",
        obj=job,
        changes={
            "file": [None, name],
            "format": [None, kind],
            "method": [None, default],
            **({"columns": [None, [f"{r.label}={r.method}" for r in chosen]]} if chosen else {}),
        },
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
        "notes": [_one_language(str(note)) for note in result.get("notes") or []],
    }


def _one_language(note: str) -> str:
    """The engine writes its notes as 「中文 / English」: the half in the reader's language."""
    zh, sep, en = note.partition(" / ")
    return pick(zh, en) if sep else note


def _result_context(job: Job) -> dict[str, Any]:
    return {"mask": summary(job.result or {})}


# The masking job's progress, shown in the reader's language (``core.messages``).
MASKING = define("scans.masking", gettext_noop("遮罩中…"))
BAD_PARAMS = define("scans.mask_bad_params", gettext_noop("遮罩工作參數無效。"))
UPLOAD_GONE = define(
    "scans.mask_upload_gone", gettext_noop("找不到上傳的檔案（可能已處理過或已被清除），請重新上傳。")
)
CANNOT_MASK = define("scans.mask_refused", gettext_noop("無法遮罩這個檔案：{reason}"))
CANNOT_STORE = define("scans.mask_not_stored", gettext_noop("無法儲存遮罩副本：{reason}"))
SAVING = define("scans.mask_saving", gettext_noop("儲存遮罩後的檔案…"))


@handler(
    JOB_KIND,
    permission="scans.manage",
    result=ResultView(template="scans/_mask_result.html", context=_result_context),
)
def run_mask(job: Job, progress: Progress) -> dict[str, Any]:
    params = job.params
    source = _spool_path(str(params.get("token", "")), str(params.get("suffix", "")))
    out_suffix = FORMATS[source.suffix][1]
    target = source.with_name(f"{source.stem}-masked{out_suffix}")
    try:
        if not source.exists():
            raise JobError(compose(UPLOAD_GONE))
        progress(0, 100, compose(MASKING))
        key, _ = load_key(installation_mask_key_file())
        policy = mask.Policy(
            key=key,
            default=params["default"],
            methods=dict(params.get("methods") or {}),
            columns=[rule_from_data(data) for data in params.get("picked") or []],
        )
        name = Path(str(params.get("name") or "file")).stem or "file"
        message = compose(MASKING)

        def read(done: int, total: int) -> None:  # percent of the upload read, the last 5 % for saving
            progress(done * 95 // max(total, 1), 100, message)

        try:  # a CSV/TSV/JSONL file is the table its uploaded name says (the spooled copy has a random name)
            counts = mask.mask_file(str(source), str(target), policy, table=name, progress=read)
        except ValueError as exc:
            raise JobError(compose(CANNOT_MASK, reason=halves(str(exc)))) from None
        progress(95, 100, compose(SAVING))
        named = compose(names.MASKED_COPY, name=name, suffix=out_suffix)  # the copy's name: reader's language
        try:
            with target.open("rb") as handle:
                evidence = store(
                    actor=job.created_by,
                    file=handle,
                    filename=named.text,
                    named=named,
                    description="遮罩（隱碼）副本",
                    context=f"jobs.job:{job.pk}",
                    check_perm=False,
                )
        except EvidenceError as exc:  # e.g. the SQL of a compressed archive is larger than the store allows
            raise JobError(compose(CANNOT_STORE, reason=halves(" ".join(exc.messages)))) from None
        progress(100, 100, compose(DONE))
        return {
            "evidence_id": evidence.pk,
            "download": reverse("evidence:download", args=[evidence.pk]),
            "masked": sum(counts.values()),
            "counts": counts,
            # integers of 7+ digits no rule or recognizer touched (e.g. a phone typed as a number)
            "unmasked_numbers": dict(policy.unmasked_numbers),
            # what the run says about its output (a pg_dump archive written as plain SQL); no values
            "notes": policy.all_notes(),
        }
    finally:
        for path in (source, target):
            path.unlink(missing_ok=True)
