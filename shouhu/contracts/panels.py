"""Dashboard panel: systems whose latest security-test report is older than a year."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from shouhu.accounts.permissions import has_perm
from shouhu.core.dashboard import Panel, panel


@panel
def stale_tests_panel(request: HttpRequest) -> Panel | None:
    from shouhu.contracts import selectors

    if not has_perm(request.user, "contracts.view"):
        return None
    stale = selectors.stale_tests()
    if not stale and not selectors.security_tests().exists():
        return None  # nothing recorded yet: the page's empty state says so, the dashboard stays quiet
    return Panel(
        _("安全檢測報告逾一年"),
        "contracts/panels/stale.html",
        {"rows": stale[:5], "total": len(stale)},
        order=17,
    )
