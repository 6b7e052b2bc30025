"""Dashboard panel: the risk register at a glance."""

from __future__ import annotations

from django.db.models import Count, Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from shouhu.accounts.permissions import has_perm
from shouhu.core.dashboard import Panel, panel


@panel
def risk_panel(request: HttpRequest) -> Panel | None:
    from shouhu.risk.scoring import current_matrix
    from shouhu.risk.selectors import risks

    if not has_perm(request.user, "risk.view"):
        return None
    matrix = current_matrix()
    stats = (
        risks(actor=request.user)
        .order_by()
        .aggregate(  # a department officer: their departments' risks
            total=Count("id"),
            high=Count("id", filter=Q(inherent_score__gte=matrix.high_from)),
            overdue=Count("id", filter=Q(next_review__lt=timezone.localdate())),
        )
    )
    return (
        Panel(_("風險評估清冊"), "risk/panels/summary.html", {"stats": stats}, order=30)
        if stats["total"]
        else None
    )
