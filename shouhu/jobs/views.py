from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from shouhu.accounts.permissions import require
from shouhu.core.formtools import paginate
from shouhu.jobs.models import Job
from shouhu.jobs.services import as_seen, result_view


@login_required
def job_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "jobs.view")
    page = paginate(request, Job.objects.select_related("created_by"))
    page.object_list = [as_seen(job) for job in page]  # a dead worker's job shows failed; GET never writes
    return render(request, "jobs/list.html", {"page": page})


@login_required
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "jobs.view")
    job = as_seen(get_object_or_404(Job, pk=pk))
    template = "jobs/progress.html" if request.htmx else "jobs/detail.html"  # type: ignore[attr-defined]
    view = result_view(job)
    context = {"job": job, "result_template": view[0] if view else None, **(view[1] if view else {})}
    return render(request, template, context)
