"""Reads for assessments, findings and corrective actions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from shouhu.accounts.models import User
from shouhu.assessment.models import (
    LOCKED_STATES,
    ActionState,
    Answer,
    Assessment,
    CorrectiveAction,
    Finding,
    Result,
    Severity,
)


@dataclass(frozen=True)
class CompletedSummary:
    """The latest completed assessment in words, for documents other modules send out."""

    assessed_on: dt.date
    kind_label: str
    tables_label: str
    counts: tuple[tuple[str, int], ...]  # (result as printed, number of items), in the table's order


def latest_completed(*, on_or_before: dt.date | None = None) -> Assessment | None:
    """The latest completed self-check or audit (on or before a day), e.g. for its report files."""
    qs = Assessment.objects.filter(completed_at__isnull=False)
    if on_or_before is not None:
        qs = qs.filter(assessed_on__lte=on_or_before)
    return qs.order_by("-assessed_on", "-completed_at", "-id").first()


def latest_completed_summary(*, on_or_before: dt.date | None = None) -> CompletedSummary | None:
    """The latest completed assessment (on or before a day), with its results counted by printed label."""
    latest = latest_completed(on_or_before=on_or_before)
    if latest is None:
        return None
    found = dict(latest.answers.values_list("result").annotate(n=Count("id")).values_list("result", "n"))
    counts = [(str(label), found[value]) for value, label in Result.choices if found.get(value)]
    if found.get(""):
        counts.append(("未填", found[""]))
    return CompletedSummary(
        latest.assessed_on, latest.get_kind_display(), latest.get_tables_display(), tuple(counts)
    )


def assessments(*, kind: str = "", state: str = "") -> QuerySet[Assessment]:
    qs = (
        Assessment.objects.annotate(
            total=Count("answers"),
            answered=Count("answers", filter=~Q(answers__result="")),
        )
        .select_related("revision_of")
        .order_by("-assessed_on", "-id")
    )
    if kind:
        qs = qs.filter(kind=kind)
    if state:
        qs = qs.filter(state=state)
    return qs


def answers(assessment: Assessment) -> list[Answer]:
    return list(
        assessment.answers.select_related("updated_by").prefetch_related("evidence").order_by("position")
    )


def results(assessment: Assessment) -> dict[str, str]:
    return dict(assessment.answers.values_list("item_id", "result"))


def progress(assessment: Assessment) -> tuple[int, int]:
    counts = assessment.answers.aggregate(total=Count("id"), answered=Count("id", filter=~Q(result="")))
    return counts["answered"], counts["total"]


def _ancestors(assessment: Assessment) -> set[int]:
    seen: set[int] = set()
    current = assessment
    while current.revision_of_id and current.revision_of_id not in seen:
        seen.add(current.revision_of_id)
        current = Assessment.objects.only("id", "revision_of").get(pk=current.revision_of_id)
    return seen


def previous_completed(assessment: Assessment) -> Assessment | None:
    """The latest earlier completed assessment of the same kind, outside this one's own revision chain."""
    qs = Assessment.objects.filter(kind=assessment.kind, state__in=list(LOCKED_STATES)).exclude(
        pk=assessment.pk
    )
    qs = qs.exclude(pk__in=_ancestors(assessment)).exclude(revision_of=assessment)
    qs = qs.filter(
        Q(assessed_on__lt=assessment.assessed_on)
        | Q(assessed_on=assessment.assessed_on, pk__lt=assessment.pk)
    )
    # A revision supersedes the assessment it was copied from.
    qs = qs.exclude(revisions__state__in=list(LOCKED_STATES))
    return qs.order_by("-assessed_on", "-pk").first()


def findings(assessment: Assessment) -> QuerySet[Finding]:
    return assessment.findings.select_related("created_by").prefetch_related("actions__owner")


def actions(
    *, state: str = "", owner: User | None = None, overdue: bool = False
) -> QuerySet[CorrectiveAction]:
    qs = CorrectiveAction.objects.select_related("finding__assessment", "owner").order_by("due_on", "id")
    if state:
        qs = qs.filter(state=state)
    if owner is not None:
        qs = qs.filter(owner=owner)
    if overdue:
        qs = overdue_filter(qs)
    return qs


def overdue_filter(qs: QuerySet[CorrectiveAction], on: dt.date | None = None) -> QuerySet[CorrectiveAction]:
    day = on or timezone.localdate()
    return qs.filter(due_on__lt=day).exclude(state=ActionState.CLOSED)


def is_overdue(action: CorrectiveAction, on: dt.date | None = None) -> bool:
    day = on or timezone.localdate()
    return bool(action.due_on and action.due_on < day and action.state != ActionState.CLOSED)


def severity_choices() -> list[tuple[str, str]]:
    """The findings' severity scale, for other apps that raise findings (``services.raise_outside_finding``)."""
    return [(value, str(label)) for value, label in Severity.choices]


def report_files(*, actor: Any, assessment: Assessment) -> tuple[dict[str, bytes], list[str]]:
    """The self-check report of one assessment as XLSX and PDF (extension → bytes), for documents other
    modules send out, and why a format could not be made (PDF needs WeasyPrint)."""
    from shouhu.assessment import reports
    from shouhu.core.exports import ExportError

    files = {"xlsx": reports.xlsx_report(actor=actor, assessment=assessment)}
    problems: list[str] = []
    try:
        files["pdf"] = reports.pdf_report(actor=actor, assessment=assessment)
    except ExportError as exc:
        problems.append(f"PDF 未產生：{exc}")
    return files, problems
