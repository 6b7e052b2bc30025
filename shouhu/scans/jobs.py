"""The ``scans.run`` background job: scan one source, fold findings into aggregates, store them.

The job's params hold the run id only. Engine progress (files or tables done) becomes job progress.
Errors are reduced to messages that cannot carry a scanned value or a password.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from shouhu.audit.services import record
from shouhu.core.messages import compose, define
from shouhu.engines.pii import DatabaseError, ScanOptions, iter_scan_path, load_key, scan_database
from shouhu.jobs.models import Job
from shouhu.jobs.services import Progress, handler
from shouhu.scans.aggregate import Aggregate
from shouhu.scans.management.commands.scan import installation_key_file
from shouhu.scans.models import RunStatus, ScanFinding, ScanRun, ScanValueDigest, SourceKind
from shouhu.scans.services import JOB_KIND, source_url
from shouhu.scans.validation import TargetRefused, connect_url

logger = logging.getLogger(__name__)
MIB = 1024 * 1024
SCANNED_FILES = define("scans.scanned_files", gettext_noop("已掃描 {done:,}/{total:,} 個檔案"))
SCANNED_TABLES = define("scans.scanned_tables", gettext_noop("已掃描 {done:,}/{total:,} 個資料表"))


class ScanFailed(RuntimeError):
    """A scan could not run; the message is safe to store and show."""


def _workers() -> int:
    return max(1, int(getattr(settings, "SHOUHU_SCAN_WORKERS", 1)))


def _scan(run: ScanRun, agg: Aggregate, progress: Progress) -> None:
    source = run.source
    key, _ = load_key(installation_key_file())
    if source.kind == SourceKind.PATH:
        opts = ScanOptions(
            include=source.globs("include"),
            exclude=source.globs("exclude"),
            max_size=source.max_size_mb * MIB,
        )

        def report(done: int, total: int) -> None:
            progress(done, total, compose(SCANNED_FILES, done=done, total=total))

        try:
            for part in iter_scan_path(
                source.path, key=key, options=opts, workers=_workers(), progress=report
            ):
                agg.add(part)
        except FileNotFoundError:
            raise ScanFailed("伺服器上找不到掃描路徑。") from None
        return

    def report_tables(done: int, total: int) -> None:
        progress(done, total, compose(SCANNED_TABLES, done=done, total=total))

    url = source_url(source)
    if not source.url_set_by_admin:  # resolve and check the host again, and connect to what was checked
        try:
            url = connect_url(url)
        except TargetRefused as exc:
            raise ScanFailed(str(exc)) from None
    try:
        result = scan_database(
            url,
            key=key,
            sample=source.sample_rows or None,
            workers=_workers(),
            progress=report_tables,
        )
    except DatabaseError as exc:  # the engine's message masks the password
        raise ScanFailed(str(exc)[:500]) from None
    agg.add(result)


def _worker_lost(job: Job) -> None:
    """The job's worker died mid-scan: the run fails with it (a new run of the source may start)."""
    run = ScanRun.objects.filter(pk=job.params.get("run_id"), status=RunStatus.RUNNING).first()
    if run is None:
        return
    run.status, run.finished_at = RunStatus.FAILED, timezone.now()
    run.error = gettext_noop("背景程序中斷，掃描未完成。")
    run.save(update_fields=["status", "finished_at", "error"])
    record(actor=None, action="scans.run_failed", obj=run, changes={"status": [RunStatus.RUNNING, "failed"]})


def _store_digests(run: ScanRun, findings: list[ScanFinding], digests: list[set[str]]) -> None:
    """Keep each row's keyed digests (never values) so a data subject's data can be located."""
    if findings and findings[0].pk is None:  # a backend that does not return keys from bulk inserts
        by_key = {
            (f.location, f.sheet, f.column, f.category): f.pk for f in ScanFinding.objects.filter(run=run)
        }
        for f in findings:
            f.pk = by_key[(f.location, f.sheet, f.column, f.category)]
    batch: list[ScanValueDigest] = []
    for finding, values in zip(findings, digests, strict=True):
        batch.extend(ScanValueDigest(finding_id=finding.pk, digest=d) for d in values)
        if len(batch) >= 5000:
            ScanValueDigest.objects.bulk_create(batch, batch_size=1000)
            batch = []
    ScanValueDigest.objects.bulk_create(batch, batch_size=1000)


@handler(JOB_KIND, permission="scans.manage", on_lost=_worker_lost)
def run_scan(job: Job, progress: Progress) -> dict[str, Any]:
    run = ScanRun.objects.select_related("source").get(pk=job.params["run_id"])
    if run.status != RunStatus.QUEUED:
        return {"run_id": run.pk, "status": run.status}  # idempotent: already ran
    run.status, run.started_at = RunStatus.RUNNING, timezone.now()
    run.save(update_fields=["status", "started_at"])
    agg = Aggregate()
    try:
        _scan(run, agg, progress)
    except Exception as exc:
        message = str(exc) if isinstance(exc, ScanFailed) else f"掃描失敗（{type(exc).__name__}）"
        logger.warning("scan run %s failed: %s", run.pk, type(exc).__name__)
        run.status, run.finished_at, run.error = RunStatus.FAILED, timezone.now(), message
        run.save(update_fields=["status", "finished_at", "error"])
        record(
            actor=None, action="scans.run_failed", obj=run, changes={"status": [RunStatus.RUNNING, "failed"]}
        )
        raise ScanFailed(message) from None
    with transaction.atomic():
        findings = [ScanFinding(run=run, **row) for row in agg.rows()]
        ScanFinding.objects.bulk_create(findings, batch_size=500)
        _store_digests(run, findings, agg.row_digests())
        run.status, run.finished_at = RunStatus.SUCCEEDED, timezone.now()
        run.units, run.bytes_scanned = agg.units, agg.bytes
        run.findings_total, run.totals = agg.findings_total, agg.totals()
        run.estimated_records, run.skipped = agg.estimated_records(), agg.skipped
        run.save()
        record(
            actor=None,
            action="scans.run_finished",
            obj=run,
            changes={
                "status": [RunStatus.RUNNING, RunStatus.SUCCEEDED],
                "findings_total": [None, run.findings_total],
                "skipped": [None, len(run.skipped)],
            },
        )
    return {"run_id": run.pk, "findings": run.findings_total, "skipped": len(run.skipped)}
