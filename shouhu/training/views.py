"""Training pages: sessions, attendance marking, marking a session held, materials, the sign-in sheet, each
person's own trainings and the per-department completion report. Thin."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shouhu.accounts.permissions import require
from shouhu.audit.services import record
from shouhu.core.exports import ExportError
from shouhu.core.formtools import call_service
from shouhu.organization import selectors as organization
from shouhu.organization.models import Person
from shouhu.training import selectors, services, signin
from shouhu.training.forms import LeaderForm, MaterialsForm, SessionForm
from shouhu.training.models import Session

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


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
        "session": session, "rows": selectors.attendance(session), "materials_form": MaterialsForm(),
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


@login_required
@require_POST
def materials(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(Session, pk=pk)
    form = MaterialsForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            services.set_materials(actor=request.user, session=session, file=upload, filename=upload.name)
            messages.success(request, _("教材已上傳。"))
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
    else:
        messages.error(request, _("請選擇教材檔案。"))
    return redirect("training:detail", pk=pk)


@login_required
def materials_download(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(Session.objects.select_related("materials"), pk=pk)
    try:
        data, name = services.open_materials(actor=request.user, session=session)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
        return redirect("training:mine")
    response = HttpResponse(data, content_type="application/octet-stream")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


@login_required
def signin_sheet(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The session's sign-in sheet (DOCX or PDF), a row per expected attendee."""
    require(request.user, "training.view")
    session = get_object_or_404(Session, pk=pk)
    try:
        if fmt == "docx":
            data, mime = signin.docx_bytes(session), DOCX_MIME
        elif fmt == "pdf":
            data, mime = signin.pdf_bytes(session), "application/pdf"
        else:
            raise Http404
    except ExportError as exc:
        messages.error(request, str(exc))
        return redirect("training:detail", pk=pk)
    record(
        actor=request.user, action="training.signin_exported", obj=session, changes={"format": [None, fmt]}
    )
    response = HttpResponse(data, content_type=mime)
    # an internal sheet: its file name in the reader's language
    name = _("簽到表-{date}.{ext}").format(date=session.held_on.isoformat(), ext=fmt)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    """The signed-in person's due trainings (overdue flagged) and sessions, with materials to download."""
    require(request.user, "training.attend")
    person = selectors.person_of(request.user)
    return render(request, "training/mine.html", {
        "person": person,
        "due": selectors.my_due_trainings(request.user),
        "sessions": selectors.person_sessions(person) if person else [],
    })  # fmt: skip


@login_required
def report(request: HttpRequest) -> HttpResponse:
    """Completion per department, the people with overdue trainings, and who attends the leaders' awareness."""
    require(request.user, "training.view")
    form = LeaderForm(request.POST or None)
    if request.method == "POST":
        require(request.user, "training.manage")
        if form.is_valid():
            done = call_service(form, lambda: services.set_leader(
                actor=request.user, person=form.cleaned_data["person"], kind=form.cleaned_data["kind"]
            ) or True)  # fmt: skip
            if done:
                messages.success(request, _("已設定。"))
                return redirect("training:report")
    people = list(organization.people(active=True))
    due = selectors.due_trainings(people)
    overdue = [(p, [i for i in due.get(p.pk, []) if i.state == "overdue"]) for p in people]
    topics = selectors.required_topics()
    return render(request, "training/report.html", {
        "departments": [(d, [d.by_topic.get(t) for t, _label in topics]) for d in selectors.department_report()],
        "overdue": [(p, items) for p, items in overdue if items],
        "topics": topics,
        "leaders": selectors.leaders(),
        "form": form,
    })  # fmt: skip


@login_required
@require_POST
def leader_remove(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(Person, pk=pk)
    try:
        services.set_leader(actor=request.user, person=person, kind=None)
        messages.success(request, _("已移除。"))
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    return redirect("training:report")
