"""The background-jobs dashboard panel (live: progress changes without a write)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from shouhu.accounts.permissions import has_perm
from shouhu.core.dashboard import Panel, panel


@panel(live=True)
def jobs_panel(request: HttpRequest) -> Panel | None:
    from shouhu.jobs.models import Job

    if not has_perm(request.user, "jobs.view"):
        return None
    running = list(Job.objects.filter(status__in=[Job.Status.QUEUED, Job.Status.RUNNING])[:5])
    return Panel(_("背景工作"), "core/panels/jobs.html", {"jobs": running}, order=90) if running else None
