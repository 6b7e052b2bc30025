"""Dashboard panel: open log-monitoring alerts."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _

from shouhu.accounts.permissions import has_perm
from shouhu.core.dashboard import Panel, panel


@panel
def open_alerts_panel(request: HttpRequest) -> Panel | None:
    from shouhu.logwatch.selectors import alerts

    if not has_perm(request.user, "logwatch.view"):
        return None
    rows = list(alerts(status="active")[:5])
    if not rows:
        return None
    return Panel(_("待處理的存取監控警示"), "logwatch/panels/alerts.html", {"alerts": rows}, order=35)
