"""The foundation's own dashboard panels."""

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


@panel(live=True)
def jobs_panel(request: HttpRequest) -> Panel | None:
    from shouhu.jobs.models import Job

    if not has_perm(request.user, "jobs.view"):
        return None
    running = list(Job.objects.filter(status__in=[Job.Status.QUEUED, Job.Status.RUNNING])[:5])
    return Panel(_("背景工作"), "core/panels/jobs.html", {"jobs": running}, order=90) if running else None


@panel
def audit_panel(request: HttpRequest) -> Panel | None:
    from shouhu.audit.models import AuditEvent

    if not has_perm(request.user, "audit.view"):
        return None
    return Panel(
        _("最近的稽核紀錄"),
        "core/panels/audit.html",
        {"events": list(AuditEvent.objects.order_by("-id")[:8])},
        order=95,
    )
