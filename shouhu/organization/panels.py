"""The organisation's dashboard panel."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from shouhu.accounts.permissions import has_perm
from shouhu.core.dashboard import Panel, panel


@panel
def organisation_panel(request: HttpRequest) -> Panel | None:
    from shouhu.organization import selectors

    if not has_perm(request.user, "org.view"):
        return None
    from shouhu.organization.models import Client, Department, Person

    return Panel(
        _("組織概況"),
        "core/panels/organisation.html",
        {
            "company": selectors.company(),
            "people": Person.objects.filter(active=True).count(),
            "departments": Department.objects.count(),
            "clients": Client.objects.filter(active=True).count(),
            "designations": list(selectors.current_designations()),
        },
        order=10,
    )
