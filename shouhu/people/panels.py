"""Dashboard panel: people and access — undertakings missing, reviews and follow-ups open, leavers."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from shouhu.accounts.permissions import has_perm
from shouhu.core.dashboard import Panel, panel


@panel
def people_panel(request: HttpRequest) -> Panel | None:
    from shouhu.people import selectors

    if not has_perm(request.user, "people.view"):
        return None
    return Panel(
        _("人員及存取權限"),
        "people/panels/summary.html",
        {"summary": selectors.summary(), "offboardings": list(selectors.offboardings()[:5])},
        order=17,
    )
