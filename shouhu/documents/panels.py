"""The staff home's panel: the policy documents this person still has to read and confirm."""

from __future__ import annotations

from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.utils.translation import gettext_lazy as _

from shouhu.accounts.permissions import has_perm
from shouhu.core.dashboard import Panel, panel


@panel(live=True)  # live: it carries the form's CSRF token, which is never cached
def my_acknowledgements_panel(request: HttpRequest) -> Panel | None:
    """Everyone asked to acknowledge a policy sees it on their home, with the read and confirm buttons."""
    from shouhu.documents import selectors, services
    from shouhu.organization.selectors import person_of_user

    if not has_perm(request.user, "documents.acknowledge"):
        return None
    person = person_of_user(request.user)
    if person is None:
        return None
    services.add_new_joiners(actor=request.user, person=person)  # a new joiner sees the policy on day one
    pending = list(
        selectors.my_acknowledgements(request.user).filter(
            acknowledged_at__isnull=True, campaign__closed_at__isnull=True
        )
    )
    if not pending:
        return None
    context = {"rows": pending, "csrf": get_token(request)}
    return Panel(_("待確認的政策文件"), "documents/panels/mine.html", context, order=2)
