"""Training pages: sessions, attendance marking, marking a session held. Thin."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shouhu.accounts.permissions import require
from shouhu.core.formtools import call_service
from shouhu.organization import selectors as organization
from shouhu.organization.models import Person
from shouhu.training import selectors, services
from shouhu.training.forms import SessionForm
from shouhu.training.models import Session


@login_required
def session_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "training.view")
    form = SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        departments = data.pop("departments")
        people = [p for d in departments for p in organization.people(active=True, department_id=d.pk)]
        session = call_service(
            form, lambda: services.create_session(actor=request.user, people=people, **data)
        )
        if session is not None:
            return redirect("training:detail", pk=session.pk)
    return render(request, "training/list.html", {"sessions": selectors.sessions(), "form": form})


@login_required
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "training.view")
    session = get_object_or_404(Session, pk=pk)
    return render(request, "training/detail.html", {
        "session": session, "rows": selectors.attendance(session),
        "people": organization.people(active=True).exclude(pk__in=session.attendance.values("person")),
    })  # fmt: skip


@login_required
@require_POST
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(Session, pk=pk)
    person = get_object_or_404(Person, pk=request.POST.get("person", "0") or 0)
    value = request.POST.get("attended", "")
    attended = {"yes": True, "no": False}.get(value)
    raw = request.POST.get("score", "").strip()
    try:
        score = int(raw) if raw else None
        services.record_attendance(
            actor=request.user, session=session, person=person, attended=attended, score=score
        )
    except ValueError:
        messages.error(request, _("測驗分數須為整數。"))
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    return redirect("training:detail", pk=pk)


@login_required
@require_POST
def held(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(Session, pk=pk)
    try:
        services.mark_held(actor=request.user, session=session)
        messages.success(request, _("已登錄為已辦理，行事曆的教育訓練已登錄完成。"))
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    return redirect("training:detail", pk=pk)
