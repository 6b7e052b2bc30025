"""Reads for plan versions, including what changed since the last approved version."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from shouhu.plan.models import Authorisation, ImplementationReport, PlanVersion, State


def versions() -> QuerySet[PlanVersion]:
    return PlanVersion.objects.select_related(
        "docx__blob", "pdf__blob", "authorisation_file__blob", "generated_by", "approved_by"
    )


def valid_authorisations(user: Any, *, on: dt.date | None = None) -> QuerySet[Authorisation]:
    """The authorisations on file for ``user`` that are still valid on ``on`` (today): no end date, or not yet
    passed. Newest first."""
    if not getattr(user, "is_authenticated", False):
        return Authorisation.objects.none()
    day = on or timezone.localdate()
    return (
        Authorisation.objects.select_related("file__blob")
        .filter(user=user)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=day))
    )


def reports() -> QuerySet[ImplementationReport]:
    return ImplementationReport.objects.select_related("zip__blob", "job", "created_by")


def current_approved() -> PlanVersion | None:
    """The plan in force: the latest approved version."""
    return versions().filter(state=State.APPROVED).order_by("-number").first()


def approved_before(version: PlanVersion) -> PlanVersion | None:
    """The approved (or since superseded) version closest before this one, to compare against."""
    return versions().filter(number__lt=version.number, approved_at__isnull=False).order_by("-number").first()


@dataclass(frozen=True)
class Change:
    chapter: str
    item: str
    before: str
    after: str


def _facts(content: dict[str, Any]) -> dict[tuple[str, str], str]:
    out: dict[tuple[str, str], str] = {}
    for ch in content.get("chapters", []):
        for label, value, _source in ch["facts"]:
            out[(ch["title"], label)] = value
        for item in ch["missing"]:
            out[(ch["title"], item)] = "缺漏"
    return out


def changes(version: PlanVersion, against: PlanVersion | None = None) -> list[Change]:
    """Facts and missing items that differ from ``against`` (default: the last approved version before)."""
    base = against or approved_before(version)
    if base is None:
        return []
    old, new = _facts(base.content), _facts(version.content)
    order = list(dict.fromkeys([*new, *old]))
    return [
        Change(chapter, item, old.get((chapter, item), "（無）"), new.get((chapter, item), "（無）"))
        for chapter, item in order
        if old.get((chapter, item)) != new.get((chapter, item))
    ]
