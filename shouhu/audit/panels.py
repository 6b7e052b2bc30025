"""The recent-audit-events dashboard panel."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from shouhu.accounts.permissions import has_perm
from shouhu.core.dashboard import Panel, panel


@panel
def audit_panel(request: HttpRequest) -> Panel | None:
    from shouhu.audit.models import AuditEvent

    if not has_perm(request.user, "audit.view"):
        return None
    return Panel(
        _("最近的稽核紀錄"),
        "core/panels/audit.html",
        {"events": list(AuditEvent.objects.order_by("-id")[:8])},
        order=95,
    )
