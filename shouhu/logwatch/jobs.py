"""The ``logwatch.ingest`` job: read one file from where the last read stopped, store the events, run
the rules, keep the raw bytes read as evidence, and raise alerts. Params hold the ingest id only.

A file read before continues from its offset only when its first 64 KiB and the 64 KiB before the offset
are unchanged; otherwise (rotated, truncated, replaced) it is read from the start. Messages on failure
never carry log content.
"""

from __future__ import annotations

import hashlib
import io
import logging
import zipfile
from contextlib import nullcontext
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from shouhu.audit.services import record
from shouhu.core.messages import Message, compose, define
from shouhu.engines.logwatch import CountryLookup, Detector, ReadResult, make_parser, run
from shouhu.engines.logwatch.reader import open_text_stream
from shouhu.evidence import names
from shouhu.evidence.services import store as store_evidence
from shouhu.jobs.models import Job
from shouhu.jobs.services import JobError, Progress, handler
from shouhu.logwatch import detection
from shouhu.logwatch.models import Ingest, IngestStatus, LogFile
from shouhu.logwatch.services import INGEST_JOB, discard_spool
from shouhu.logwatch.storage import get_store, uses_postgres
from shouhu.logwatch.validation import inside_allowed

logger = logging.getLogger(__name__)
FINGERPRINT = 64 * 1024

# What the ingest job writes (its progress, notes and errors), shown in the reader's language.
READ_MB = define("logwatch.read_mb", gettext_noop("已讀取 {mb:,.1f} MB"))
OUTSIDE = define("logwatch.outside_allowed", gettext_noop("檔案不在允許讀取的伺服器資料夾內。"))
MISSING = define("logwatch.file_missing", gettext_noop("伺服器上找不到要讀取的檔案（可能已被輪替或刪除）。"))
DENIED = define("logwatch.file_denied", gettext_noop("伺服器沒有讀取這個檔案的權限。"))
FAILED = define("logwatch.read_failed", gettext_noop("讀取失敗（{type}）"))
RESUMED = define(
    "logwatch.note.resumed", gettext_noop("延續上次讀取位置（第 {lines:,} 行之後），只讀取新增內容。")
)
RESTARTED = define(
    "logwatch.note.restarted", gettext_noop("檔案內容與上次讀取時不同（已輪替或被取代），從頭讀取。")
)
NO_CALENDAR = define(
    "logwatch.note.no_calendar", gettext_noop("部分日期不在辦公日曆資料範圍內，以週一至週五判斷上班日。")
)
UNKNOWN_COUNTRY = define(
    "logwatch.note.unknown_country",
    gettext_noop("有 {count:,} 筆具名帳號事件的來源國家不明（非有效位址或不在對照資料中），未視為臺灣。"),
)
CORRUPT = define("logwatch.note.corrupt", gettext_noop("壓縮檔在中途損毀，只讀取到損毀之前的內容。"))
NOTHING_NEW = define("logwatch.note.nothing_new", gettext_noop("沒有新內容。"))


def _open(ingest: Ingest) -> IO[bytes]:
    if ingest.spool:
        path = Path(ingest.spool)
    else:
        path = Path(ingest.file.name)
        if not inside_allowed(path):
            raise JobError(compose(OUTSIDE))
    try:
        return path.open("rb")
    except FileNotFoundError:
        raise JobError(compose(MISSING)) from None
    except PermissionError:
        raise JobError(compose(DENIED)) from None


def _digest(stream: IO[bytes], start: int, size: int) -> str:
    stream.seek(start)
    return hashlib.sha256(stream.read(size)).hexdigest()


def _resume_point(ingest: Ingest, raw: IO[bytes]) -> tuple[int, int, list[Message]]:
    """(offset, line, notes): where to start in the decompressed text, and why."""
    log_file = ingest.file
    if log_file.offset == 0:
        return 0, 0, []
    text = open_text_stream(raw)
    head = _digest(text, 0, min(FINGERPRINT, log_file.offset))
    tail_start = max(0, log_file.offset - FINGERPRINT)
    tail = _digest(text, tail_start, log_file.offset - tail_start)
    text.seek(0)
    if head == log_file.head_sha256 and tail == log_file.tail_sha256:
        return log_file.offset, log_file.lines, [compose(RESUMED, lines=log_file.lines)]
    log_file.parser_state = {}
    return 0, 0, [compose(RESTARTED)]


def _fingerprints(raw: IO[bytes], end: int) -> tuple[str, str]:
    text = open_text_stream(raw)
    head = _digest(text, 0, min(FINGERPRINT, end))
    tail_start = max(0, end - FINGERPRINT)
    return head, _digest(text, tail_start, end - tail_start)


def _keep_raw(ingest: Ingest, raw: IO[bytes], start: int, end: int) -> tuple[str, list[int]]:
    """Store the bytes read ([start, end) of the text) as ZIP parts in the evidence store (≥5 years)."""
    if end <= start:
        return "", []
    limit = int(settings.SHOUHU_EVIDENCE_MAX_BYTES)
    part_size = max(1024 * 1024, int(limit * 0.8))
    text = open_text_stream(raw)
    text.seek(start)
    whole = hashlib.sha256()
    ids: list[int] = []
    base = Path(ingest.file.name).name or "log"
    offset, index = start, 1
    while offset < end:
        chunk = text.read(min(part_size, end - offset))
        if not chunk:
            break
        whole.update(chunk)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            zf.writestr(f"{base}.{offset}-{offset + len(chunk)}.log", chunk)
        named = compose(
            names.LOG_PART, ingest=ingest.pk, part=f"{index:03d}"
        )  # internal: the reader's language
        evidence = store_evidence(
            actor=ingest.created_by, file=buffer.getvalue(), filename=named.text, named=named,
            description=f"原始記錄：{ingest.source.name}／{base}（位元組 {offset:,}–{offset + len(chunk):,}）",
            context=f"logwatch.ingest:{ingest.pk}", check_perm=False,
        )  # fmt: skip
        ids.append(int(evidence.pk))
        offset += len(chunk)
        index += 1
    return whole.hexdigest(), ids


@handler(INGEST_JOB, permission="logwatch.ingest")
def run_ingest(job: Job, progress: Progress) -> dict[str, Any]:
    ingest = Ingest.objects.select_related("source", "file", "created_by").get(pk=job.params["ingest_id"])
    if ingest.status != IngestStatus.QUEUED:
        return {"ingest_id": ingest.pk, "status": ingest.status}  # idempotent
    ingest.status, ingest.started_at = IngestStatus.RUNNING, timezone.now()
    ingest.save(update_fields=["status", "started_at"])
    try:
        result = _ingest(ingest, progress)
    except Exception as exc:
        said = exc.said if isinstance(exc, JobError) else compose(FAILED, type=type(exc).__name__)
        logger.warning("logwatch ingest %s failed: %s", ingest.pk, type(exc).__name__)
        Ingest.objects.filter(pk=ingest.pk).update(
            status=IngestStatus.FAILED, finished_at=timezone.now(), error=said.text[:500],
            error_key=said.key, error_facts=said.facts,
        )  # fmt: skip
        record(
            actor=None,
            action="logwatch.ingest_failed",
            obj=ingest,
            changes={"error": [None, type(exc).__name__]},
        )
        raise JobError(said) from None
    discard_spool(ingest)
    return result


def _ingest(ingest: Ingest, progress: Progress) -> dict[str, Any]:
    source, log_file = ingest.source, ingest.file
    final = log_file.origin != "folder"  # a server file may be half-way through a line
    with _open(ingest) as raw:
        start, start_line, notes = _resume_point(ingest, raw)
        options = {**source.options, "label": log_file.name} if log_file.origin == "drill" else source.options
        parser = make_parser(source.format, options, log_file.parser_state)
        detector = detection.detector_for(source)
        store = get_store()
        batch = f"f{log_file.pk}-o{start}"
        total = ingest.size if not _is_gzip(raw) else None

        def report(done: int, whole: int) -> None:
            progress(done, whole, compose(READ_MB, mb=done / 1048576))

        raw.seek(0)
        with transaction.atomic() if uses_postgres() else nullcontext():
            writer = store.writer(source.pk, batch)
            try:
                result = run(raw, parser=parser, sink=writer, detector=detector, countries=CountryLookup(),
                             start=start, start_line=start_line, final=final, encoding=source.options.get("encoding") or "utf-8",
                             total_bytes=total, progress=report)  # fmt: skip
                writer.commit()
            except Exception:
                writer.abort()
                raise
            head, tail = _fingerprints(raw, result.end) if result.end else ("", "")
            raw_sha, evidence_ids = _keep_raw(ingest, raw, start, result.end)
            _finish(ingest, log_file, detector, result, notes, head, tail, raw_sha, evidence_ids)
    return {
        "ingest_id": ingest.pk,
        "events": result.events,
        "alerts": ingest.alerts,
        "malformed": result.rejects.malformed,
    }


def _is_gzip(raw: IO[bytes]) -> bool:
    raw.seek(0)
    magic = raw.read(2)
    raw.seek(0)
    return magic == b"\x1f\x8b"


@transaction.atomic
def _finish(
    ingest: Ingest,
    log_file: LogFile,
    detector: Detector,
    result: ReadResult,
    notes: list[Message],
    head: str,
    tail: str,
    raw_sha: str,
    evidence_ids: list[int],
) -> None:
    source = ingest.source
    detection.save_day_totals(source, detector)
    findings = detector.findings() + detection.volume(source, detector)
    alerts = detection.save_findings(source, ingest, findings)
    if detector.config.working_time.unknown_days:
        notes.append(compose(NO_CALENDAR))
    if detector.unknown_country:
        notes.append(compose(UNKNOWN_COUNTRY, count=detector.unknown_country))
    if result.corrupt:
        notes.append(compose(CORRUPT))
    if result.events == 0 and result.lines == 0:
        notes.append(compose(NOTHING_NEW))
    log_file.offset, log_file.lines = result.end, result.end_line
    log_file.head_sha256, log_file.tail_sha256 = head, tail
    log_file.parser_state = result.parser_state
    log_file.save()
    source.state = detector.state()
    source.save(update_fields=["state"])
    ingest.status, ingest.finished_at = IngestStatus.SUCCEEDED, timezone.now()
    ingest.start_offset, ingest.end_offset, ingest.start_line = (
        result.start,
        result.end,
        result.end_line - result.lines,
    )
    ingest.lines, ingest.events, ingest.malformed = result.lines, result.events, result.rejects.malformed
    ingest.rejects, ingest.alerts = result.rejects.to_dict(), len(alerts)
    ingest.notes, ingest.note_messages = [n.text for n in notes], [[n.key, n.facts] for n in notes]
    ingest.raw_sha256, ingest.evidence_ids = raw_sha, evidence_ids
    ingest.save()
    record(
        actor=None, action="logwatch.ingest_finished", obj=ingest,
        changes={"events": [None, result.events], "malformed": [None, result.rejects.malformed], "alerts": [None, len(alerts)], "raw_sha256": [None, raw_sha]},
    )  # fmt: skip
    from shouhu.logwatch.drills import note_alerts

    note_alerts(alerts)


POLL_JOB = "logwatch.poll"


@handler(POLL_JOB, permission="logwatch.manage")
def poll_folders(job: Job, progress: Progress) -> dict[str, Any]:
    """Scheduled: queue new content of every folder source (each file read once at a time)."""
    from django.core.exceptions import ValidationError

    from shouhu.logwatch.models import LogSource
    from shouhu.logwatch.services import read_folder

    started, problems = 0, 0
    for source in LogSource.objects.filter(active=True).exclude(folder=""):
        try:
            started += len(read_folder(actor=None, source=source, check_perm=False))
        except ValidationError:
            problems += 1
    return {"started": started, "problems": problems}


MONTHLY_JOB = "logwatch.monthly"


@handler(MONTHLY_JOB, permission="logwatch.manage")
def monthly_summaries(job: Job, progress: Progress) -> dict[str, Any]:
    """Scheduled daily: last month's summary of each active source, once (kept as evidence)."""
    from shouhu.logwatch.summaries import create_due

    return create_due()
