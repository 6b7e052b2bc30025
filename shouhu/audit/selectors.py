from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from shouhu.audit.models import AuditEvent
from shouhu.core.rocdate import TAIPEI


def audit_events(
    *,
    user: str = "",
    object_type: str = "",
    action: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> QuerySet[AuditEvent]:
    qs = AuditEvent.objects.all().order_by("-id")
    if user:
        qs = qs.filter(actor_label__icontains=user)
    if object_type:
        qs = qs.filter(object_type=object_type)
    if action:
        qs = qs.filter(action__startswith=action)
    if date_from:
        qs = qs.filter(created_at__gte=dt.datetime.combine(date_from, dt.time.min, tzinfo=TAIPEI))
    if date_to:
        qs = qs.filter(
            created_at__lt=dt.datetime.combine(date_to + dt.timedelta(days=1), dt.time.min, tzinfo=TAIPEI)
        )
    return qs


def object_types() -> list[str]:
    return list(AuditEvent.objects.order_by().values_list("object_type", flat=True).distinct())


def actions() -> list[str]:
    return sorted(AuditEvent.objects.order_by().values_list("action", flat=True).distinct())
