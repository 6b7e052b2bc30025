"""Dashboard panel: the latest scan runs."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _

from shouhu.accounts.permissions import has_perm
from shouhu.core.dashboard import Panel, panel


@panel
def recent_scans_panel(request: HttpRequest) -> Panel | None:
    from shouhu.scans.selectors import recent_runs

    if not has_perm(request.user, "scans.view"):
        return None
    runs = list(recent_runs(5, actor=request.user))
    if not runs:
        return None
    return Panel(_("最近的個資掃描"), "scans/panels/recent.html", {"runs": runs}, order=40)
