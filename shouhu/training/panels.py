"""Staff home panel: the signed-in person's due trainings, overdue ones flagged."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from shouhu.accounts.permissions import has_perm
from shouhu.core.dashboard import Panel, panel


@panel(live=True)  # due states move with the calendar, not only with writes
def my_trainings_panel(request: HttpRequest) -> Panel | None:
    from shouhu.training import selectors

    if not has_perm(request.user, "training.attend"):
        return None
    items = selectors.my_due_trainings(request.user)
    if selectors.person_of(request.user) is None:
        return None
    return Panel(
        _("我的教育訓練"), "training/panels/mine.html", {"items": items[:5], "more": len(items) > 5}, order=8
    )
