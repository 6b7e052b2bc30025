"""Dashboard panel: open incidents and the nearest legal deadline."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _

from shouhu.accounts.permissions import has_perm
from shouhu.core.dashboard import Panel, panel


@dataclass
class DashboardDeadline:
    """One line on the dashboard: a deadline, whose duty it is, and the clients it is owed for."""

    row: Any
    status: str
    ours: bool
    pending: Any = None
    clients: list[str] = field(default_factory=list)


def dashboard_deadlines(
    rows: Iterable[Any], *, status: Any, pending: Any = None, limit: int = 5
) -> list[DashboardDeadline]:
    """The nearest deadlines, one line per incident, duty, title and moment: the same clock owed for several
    clients is listed once with their names, and each line says whether it is our duty or the client's."""
    lines: dict[tuple[int, str, Any, bool], DashboardDeadline] = {}
    for row in rows:
        ours = row.obligor_zh.startswith("本公司") or row.client_id is None
        key = (row.incident_id, row.title_zh, row.due_at, ours)
        if key not in lines:
            if len(lines) == limit:
                break
            links = pending(row) if pending else None
            lines[key] = DashboardDeadline(row=row, status=status(row), ours=ours, pending=links)
        if row.client_id is not None and row.client.name not in lines[key].clients:
            lines[key].clients.append(row.client.name)
    return list(lines.values())


@panel
def incidents_panel(request: HttpRequest) -> Panel | None:
    from shouhu.incidents import clocks, selectors

    if not has_perm(request.user, "incidents.view"):
        return None
    rows = selectors.open_deadlines().select_related("client").order_by("due_at", "id")[:50]
    return Panel(
        _("個資事故期限"),
        "incidents/panels/deadlines.html",
        {
            "rows": dashboard_deadlines(rows, status=clocks.status, pending=selectors.pending_links),
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
