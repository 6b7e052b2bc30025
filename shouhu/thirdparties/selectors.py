"""Reads for transfers, retention and disposal (other apps, e.g. the plan and notices, use these)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from shouhu.thirdparties.models import (
    Art21Result,
    ContractItemKey,
    DeletionCertificate,
    DisposalRecord,
    RetentionBatch,
    RetentionRule,
    SubProcessor,
    Transfer,
)


def transfers(*, active: bool | None = True) -> QuerySet[Transfer]:
    qs = Transfer.objects.select_related("client", "file")
    return qs if active is None else qs.filter(active=active)


def transfer_countries(*, file_id: int | None = None) -> list[str]:
    """The countries or regions personal data are sent to (for notices to data subjects); with
    ``file_id``, only the active transfers registered for that personal-data file."""
    qs = Transfer.objects.filter(active=True)
    if file_id is not None:
        qs = qs.filter(file_id=file_id)
    return sorted(set(qs.values_list("country", flat=True)))


def unchecked_transfers() -> QuerySet[Transfer]:
    """Active transfers whose Art. 21 restriction check is missing, unknown or older than a year."""
    year_ago = timezone.localdate() - dt.timedelta(days=365)
    return transfers().filter(
        Q(art21_result=Art21Result.UNKNOWN)
        | Q(art21_checked_on__isnull=True)
        | Q(art21_checked_on__lt=year_ago)
    )


def rules() -> QuerySet[RetentionRule]:
    return RetentionRule.objects.select_related("file")


def purge_due(*, within_days: int = 30, on: dt.date | None = None) -> QuerySet[RetentionBatch]:
    """Batches whose retention ends within ``within_days`` (or has ended) and that are not disposed of."""
    today = on or timezone.localdate()
    return (
        RetentionBatch.objects.filter(
            disposed__isnull=True, due_on__lte=today + dt.timedelta(days=within_days)
        )
        .select_related("rule", "client")
        .order_by("due_on", "id")
    )


def batches() -> QuerySet[RetentionBatch]:
    return RetentionBatch.objects.select_related("rule", "client", "disposed")


def disposals(*, client_id: int | None = None) -> QuerySet[DisposalRecord]:
    qs = DisposalRecord.objects.select_related("client", "proof", "recorded_by")
    return qs.filter(client_id=client_id) if client_id else qs


def certificates() -> QuerySet[DeletionCertificate]:
    return DeletionCertificate.objects.select_related("client", "document", "issued_by")


def subprocessors(*, active: bool | None = True) -> QuerySet[SubProcessor]:
    qs = SubProcessor.objects.prefetch_related("items", "checks")
    return qs if active is None else qs.filter(active=active)


def contract_rows(subprocessor: SubProcessor) -> list[dict[str, Any]]:
    """Every Art. 8 item with its state: agreed, not agreed, or unknown (nobody checked yet)."""
    items = {i.key: i for i in subprocessor.items.all()}
    return [{"key": key, "label": label, "item": items.get(key)} for key, label in ContractItemKey.choices]


def supervision_overdue() -> QuerySet[SubProcessor]:
    """Active processors without a recorded check in the last year."""
    year_ago = timezone.localdate() - dt.timedelta(days=365)
    return SubProcessor.objects.filter(active=True).exclude(checks__checked_on__gt=year_ago)


def calendar_purge_due(user: Any, *, within_days: int = 90) -> list[dict[str, Any]]:
    """Retention batches due within ``within_days`` (or overdue) and not yet disposed of, as rows of the
    compliance calendar and its feed. Empty for a user who may not see retention records."""
    from django.urls import reverse

    from shouhu.accounts.permissions import has_perm

    if not has_perm(user, "thirdparties.view"):
        return []
    today = timezone.localdate()
    return [
        {
            "batch": b,
            "status": "overdue"
            if b.due_on < today
            else ("upcoming" if b.due_on <= today + dt.timedelta(days=30) else "ok"),
            "url": reverse("thirdparties:retention"),
        }
        for b in purge_due(within_days=within_days, on=today)
    ]
