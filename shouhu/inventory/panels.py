"""Dashboard panel: consumer-record totals per client and for the company."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _

from shouhu.accounts.permissions import has_perm
from shouhu.core.dashboard import Panel, panel


@panel
def consumer_totals_panel(request: HttpRequest) -> Panel | None:
    from shouhu.inventory.selectors import consumer_record_totals, files

    if not has_perm(request.user, "inventory.view"):
        return None
    return Panel(
        _("消費者個資筆數"),
        "inventory/panels/totals.html",
        {
            # the reader's departments only, for a department-scoped 個資管理專員 (the template says so)
            "totals": consumer_record_totals(actor=request.user),
            "files": files(actor=request.user).count(),
        },
        order=20,
    )
