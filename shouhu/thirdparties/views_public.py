"""The questionnaire page for a processor's respondent (no account) and the officer's create action."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shouhu.accounts.permissions import require
from shouhu.core import ratelimit
from shouhu.core.request_context import client_ip
from shouhu.thirdparties import questionnaires
from shouhu.thirdparties.forms import QuestionnaireForm
from shouhu.thirdparties.models import Questionnaire, SubProcessor


@login_required
@require_POST
def questionnaire_new(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "thirdparties.manage")
    sub = get_object_or_404(SubProcessor, pk=pk)
    form = QuestionnaireForm(request.POST)
    if form.is_valid():
        try:
            questionnaires.create(
                actor=request.user,
                subprocessor=sub,
                item_ids=form.cleaned_data["item_ids"],
                days=form.cleaned_data["days"],
            )
            messages.success(request, _("已建立問卷連結，請將連結提供受託者填答。"))
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    return redirect("thirdparties:subprocessor", pk)


@login_required
@require_POST
def questionnaire_send(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "thirdparties.manage")
    questionnaire = get_object_or_404(Questionnaire, pk=pk)
    try:
        questionnaires.send_link(
            actor=request.user, questionnaire=questionnaire, to=request.POST.get("to", "")
        )
        messages.success(request, _("已寄出問卷連結。"))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect("thirdparties:subprocessor", questionnaire.subprocessor_id)


def questionnaire_answer(request: HttpRequest, token: str) -> HttpResponse:
    questionnaire = questionnaires.open_by_token(token)
    if questionnaire is None:
        raise Http404
    errors: list[str] = []
    answers = {
        item["id"]: {
            "answer": request.POST.get(f"answer-{item['id']}", ""),
            "note": request.POST.get(f"note-{item['id']}", "")[:1000],
        }
        for item in questionnaire.items
    }
    respondent = request.POST.get("respondent", "")[:100]
    if request.method == "POST":
        try:
            questionnaires.answer(
                questionnaire=questionnaire, respondent=respondent, answers=answers, ip=client_ip(request)
            )
            return render(request, "thirdparties/questionnaire_done.html", {"q": questionnaire})
        except ratelimit.RateLimited:
            return render(
                request, "thirdparties/questionnaire_limited.html", {"q": questionnaire}, status=429
            )
        except ValidationError as exc:
            errors = exc.messages
    rows = [{**item, **answers[item["id"]]} for item in questionnaire.items]
    return render(
        request,
        "thirdparties/questionnaire.html",
        {
            "q": questionnaire,
            "rows": rows,
            "choices": questionnaires.ANSWERS.items(),
            "errors": errors,
            "respondent": respondent,
        },
    )
