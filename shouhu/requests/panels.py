"""Dashboard panel: open data-subject requests by nearest decision deadline."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from shouhu.accounts.permissions import has_perm
from shouhu.core.dashboard import Panel, panel


@panel
def requests_panel(request: HttpRequest) -> Panel | None:
    from shouhu.requests import selectors

    if not has_perm(request.user, "requests.view"):
        return None
    active = selectors.open_requests()
    return Panel(
        _("當事人請求期限"),
        "requests/panels/open.html",
        {"rows": list(active[:5]), "total": active.count(), "now": timezone.now()},
        order=15,
    )
