"""Built-in jobs: integrity checks of the audit chain and the evidence store."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_noop

from shouhu.core.bilingual import halves
from shouhu.core.messages import compose, define
from shouhu.jobs.models import Job
from shouhu.jobs.services import DONE, JobError, Progress, handler

CHECKED = define("jobs.checked", gettext_noop("已檢查 {done:,}/{total:,}"))
CHAIN_BROKEN = define(
    "jobs.audit_chain_broken", gettext_noop("稽核紀錄損壞：第 {event} 筆（{reason}）；未寫入檢查點。")
)


@handler("audit.verify", permission="audit.view", idempotent=True)
def verify_audit_chain(job: Job, progress: Progress) -> dict[str, Any]:
    from shouhu.audit.services import verify_chain

    report = verify_chain()
    progress(report.checked, report.checked, compose(DONE))
    return {
        "ok": report.ok,
        "checked": report.checked,
        "first_broken_id": report.first_broken_id,
        "reason": report.reason,
    }


@handler("evidence.verify", permission="evidence.view", idempotent=True)
def verify_evidence(job: Job, progress: Progress) -> dict[str, Any]:
    from shouhu.evidence.models import EvidenceBlob
    from shouhu.evidence.services import verify_all

    total = EvidenceBlob.objects.count()
    problems = []
    for index, (_, problem) in enumerate(verify_all(), start=1):
        if problem:
            problems.append({"sha256": problem.sha256, "problem": problem.problem})
        progress(index, total, compose(CHECKED, done=index, total=total))
    return {"checked": total, "problems": problems}


@handler("audit.checkpoint", permission="audit.view", idempotent=True)
def audit_checkpoint(job: Job, progress: Progress) -> dict[str, Any]:
    """Verify what was appended since the last checkpoint, then anchor the head outside the database."""
    from shouhu.audit.services import verify_and_checkpoint

    report, point = verify_and_checkpoint(incremental=True)
    progress(1, 1, compose(DONE))
    if not report.ok:
        raise JobError(compose(CHAIN_BROKEN, event=report.first_broken_id, reason=halves(report.reason)))
    return {"checked": report.checked, "checkpoint": point.n if point else None}


@handler("core.ratelimit_prune", permission="jobs.run", idempotent=True)
def prune_public_attempts(job: Job, progress: Progress) -> dict[str, Any]:
    """Drop the public pages' rate-limit counters once past every window (they are only counters)."""
    from shouhu.core import ratelimit

    deleted = ratelimit.prune()
    progress(1, 1, compose(DONE))
    return {"deleted": deleted}
