"""Reads for data-subject requests (other apps use these, never the models)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from shouhu.requests.models import CLOSED, State, SubjectRequest, Suppression
from shouhu.requests.suppression import suppression_key


def requests(*, state: str = "", kind: str = "") -> QuerySet[SubjectRequest]:
    qs = SubjectRequest.objects.select_related("client", "owner")
    if state == "active":
        qs = qs.exclude(state__in=CLOSED)
    elif state in State.values:
        qs = qs.filter(state=state)
    if kind:
        qs = qs.filter(kind=kind)
    return qs


def open_requests() -> QuerySet[SubjectRequest]:
    return requests(state="active").order_by("due_at", "id")


def suppressions(*, client_id: int | None = None) -> QuerySet[Suppression]:
    qs = Suppression.objects.select_related("client", "request")
    return qs.filter(client_id=client_id) if client_id else qs


def is_suppressed(*, kind: str, value: str, client_id: int | None = None) -> Suppression | None:
    """The suppression entry for this e-mail or phone (for our own marketing, or a client's), if any."""
    _, digest = suppression_key(kind, value, client_id)
    return Suppression.objects.filter(digest=digest).first()


def counts() -> dict[str, Any]:
    active = open_requests()
    return {"open": active.count(), "suppressed": Suppression.objects.count()}
