"""Dashboard panel: retention batches due for destruction and transfers awaiting their Art. 21 check."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from shouhu.accounts.permissions import has_perm
from shouhu.core.dashboard import Panel, panel


@panel
def purge_panel(request: HttpRequest) -> Panel | None:
    from shouhu.thirdparties import selectors

    if not has_perm(request.user, "thirdparties.view"):
        return None
    due = selectors.purge_due()
    return Panel(
        _("保存期限屆至"),
        "thirdparties/panels/due.html",
        {"rows": list(due[:5]), "total": due.count(), "unchecked": selectors.unchecked_transfers().count()},
        order=16,
    )
