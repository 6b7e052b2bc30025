"""Dashboard panel: overdue and upcoming compliance-calendar items."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext

from shouhu.accounts.permissions import has_perm
from shouhu.core.dashboard import Panel, panel


@panel
def calendar_panel(request: HttpRequest) -> Panel | None:
    from shouhu.law import selectors

    if not has_perm(request.user, "law.view"):
        return None
    summary = selectors.due_summary()
    return Panel(gettext("法遵行事曆"), "law/panels/calendar.html",
                 {"overdue": summary.overdue[:8], "upcoming": summary.upcoming[:8],
                  "overdue_count": len(summary.overdue), "upcoming_count": len(summary.upcoming)}, order=15)  # fmt: skip
