"""Dashboard panel: overdue corrective actions (all of them, and the signed-in owner's own)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _

from shouhu.accounts.permissions import has_perm
from shouhu.core.dashboard import Panel, panel


@panel
def overdue_actions_panel(request: HttpRequest) -> Panel | None:
    from shouhu.assessment import selectors

    if not has_perm(request.user, "actions.view"):
        return None
    overdue = list(selectors.actions(overdue=True)[:10])
    mine = [a for a in overdue if a.owner_id == request.user.pk]
    if not overdue:
        return None
    return Panel(
        _("逾期的矯正措施"),
        "assessment/panels/overdue.html",
        {"overdue": overdue, "mine": mine, "count": selectors.actions(overdue=True).count()},
        order=20,
    )
