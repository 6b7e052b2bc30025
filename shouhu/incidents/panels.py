"""Dashboard panel: open incidents and the nearest legal deadline."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _

from shouhu.accounts.permissions import has_perm
from shouhu.core.dashboard import Panel, panel


@panel
def incidents_panel(request: HttpRequest) -> Panel | None:
    from shouhu.incidents import clocks, selectors

    if not has_perm(request.user, "incidents.view"):
        return None
    rows = list(selectors.open_deadlines().order_by("due_at")[:5])
    return Panel(
        _("個資事故期限"),
        "incidents/panels/deadlines.html",
        {
            "rows": [
                {"row": r, "status": clocks.status(r), "pending": selectors.pending_links(r)} for r in rows
            ],
            "last_drill": selectors.last_drill_completed_on(),
            "suspected": list(selectors.suspected_awaiting_triage()[:5]),
        },
        order=5,
    )


@panel
def staff_report_panel(request: HttpRequest) -> Panel | None:
    """Every employee's home entry: report a suspected event, and the state of their own reports."""
    from shouhu.incidents import selectors

    if not has_perm(request.user, "incidents.report") or has_perm(request.user, "incidents.view"):
        return None
    return Panel(
        _("通報疑似事件"),
        "incidents/panels/staff.html",
        {"reports": selectors.own_reports(request.user)},
        order=1,
    )
