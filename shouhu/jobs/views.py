from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from shouhu.accounts.permissions import require
from shouhu.core.formtools import paginate
from shouhu.jobs.models import Job
from shouhu.jobs.services import reap_quietly


@login_required
def job_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "jobs.view")
    reap_quietly()  # a job whose worker died shows as failed or re-queued, never as running forever
    return render(
        request, "jobs/list.html", {"page": paginate(request, Job.objects.select_related("created_by"))}
    )


@login_required
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "jobs.view")
    reap_quietly()
    job = get_object_or_404(Job, pk=pk)
    template = "jobs/progress.html" if request.htmx else "jobs/detail.html"  # type: ignore[attr-defined]
    return render(request, template, {"job": job})
