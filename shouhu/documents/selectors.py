"""Reads for the document register and acknowledgement campaigns (the plan reads these too)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from shouhu.documents.models import Acknowledgement, Campaign, Document, DocumentVersion, Tier, VersionState
from shouhu.organization import selectors as organization


def documents(*, tier: str = "", q: str = "") -> QuerySet[Document]:
    qs = Document.objects.select_related("owner").annotate(
        approved=Count("versions", filter=Q(versions__state=VersionState.APPROVED))
    )
    if tier:
        qs = qs.filter(tier=tier)
    if q:
        qs = qs.filter(Q(code__icontains=q) | Q(title__icontains=q))
    return qs


def current_version(document: Document) -> DocumentVersion | None:
    return (
        document.versions.filter(state=VersionState.APPROVED)
        .select_related("file__blob", "approved_by")
        .first()
    )


def versions(document: Document) -> QuerySet[DocumentVersion]:
    return document.versions.select_related("file__blob", "approved_by", "created_by").order_by("-number")


def campaigns(version: DocumentVersion | None = None) -> QuerySet[Campaign]:
    qs = Campaign.objects.select_related("version__document").annotate(
        total=Count("acknowledgements"),
        done=Count("acknowledgements", filter=Q(acknowledgements__acknowledged_at__isnull=False)),
    )
    return qs.filter(version=version) if version is not None else qs


def acknowledgements(campaign: Campaign) -> QuerySet[Acknowledgement]:
    return campaign.acknowledgements.select_related("person__department", "person__user").order_by(
        "person__department__name", "person__name"
    )


def my_acknowledgements(user: Any) -> QuerySet[Acknowledgement]:
    """Only the signed-in person's own acknowledgements (an employee never sees anyone else's)."""
    person = organization.person_of_user(user)
    if person is None:
        return Acknowledgement.objects.none()
    return (
        Acknowledgement.objects.filter(person=person)
        .select_related("campaign__version__document")
        .order_by("acknowledged_at", "campaign__due_on")
    )


def acknowledgements_of(person_id: int) -> QuerySet[Acknowledgement]:
    """One person's acknowledgements, for their page in people and access (read by managers and auditors)."""
    return (
        Acknowledgement.objects.filter(person_id=person_id)
        .select_related("campaign__version__document")
        .order_by("-campaign__created_at")
    )


@dataclass(frozen=True)
class RegisterSummary:
    """For the plan: approved documents per tier, reviews overdue, and the latest policy campaign."""

    approved_per_tier: dict[str, int]
    review_overdue: int
    policy_campaign: Campaign | None
    policy_done: int = 0
    policy_total: int = 0


def summary(on: dt.date | None = None) -> RegisterSummary:
    today = on or timezone.localdate()
    current = DocumentVersion.objects.filter(state=VersionState.APPROVED)
    per_tier = {str(label): current.filter(document__tier=value).count() for value, label in Tier.choices}
    overdue = current.filter(next_review_on__lt=today).count()
    policy = campaigns().filter(version__document__tier=Tier.POLICY).order_by("-created_at").first()
    if policy is None:
        return RegisterSummary(per_tier, overdue, None)
    acks = policy.acknowledgements.all()
    return RegisterSummary(
        per_tier, overdue, policy, acks.filter(acknowledged_at__isnull=False).count(), acks.count()
    )


@dataclass(frozen=True)
class ApprovedPolicy:
    """A current approved version of a 一階 policy document (training follows new versions)."""

    version_id: int
    code: str
    title: str
    number: int
    approved_on: dt.date


def approved_policies() -> list[ApprovedPolicy]:
    """The current approved version of every 一階 policy document, with the day it was approved (Taipei)."""
    rows = (
        DocumentVersion.objects.filter(
            document__tier=Tier.POLICY, state=VersionState.APPROVED, approved_at__isnull=False
        )
        .select_related("document")
        .order_by("document__code")
    )
    return [
        ApprovedPolicy(v.pk, v.document.code, v.document.title, v.number, timezone.localdate(v.approved_at))
        for v in rows
        if v.approved_at is not None
    ]


@dataclass(frozen=True)
class DepartmentProgress:
    department: str
    total: int
    done: int

    @property
    def percent(self) -> float:
        return round(self.done * 100 / self.total, 1) if self.total else 0.0


def progress_by_department(campaign: Campaign) -> list[DepartmentProgress]:
    """The completion report per department: asked, confirmed (people without a department under "")."""
    rows = (
        campaign.acknowledgements.values("person__department__name")
        .annotate(total=Count("id"), done=Count("id", filter=Q(acknowledged_at__isnull=False)))
        .order_by("person__department__name")
    )
    return [DepartmentProgress(r["person__department__name"] or "", r["total"], r["done"]) for r in rows]
