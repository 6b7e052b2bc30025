"""Processor questionnaires: items chosen from the guideline's self-check tables (附錄一／二), answered by an
external respondent at an expiring, unguessable link (no account), scored and kept. A submitted
questionnaire is recorded as that processor's periodic check."""

from __future__ import annotations

import datetime as dt
import logging
import secrets
import smtplib
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shouhu.accounts.permissions import require
from shouhu.audit.services import record
from shouhu.core import ratelimit
from shouhu.core.request_context import RequestContext, using
from shouhu.engines.catalog import UnknownItemError, load_catalogue
from shouhu.thirdparties import services
from shouhu.thirdparties.models import Questionnaire, SubProcessor, SupervisionCheck

logger = logging.getLogger(__name__)
ANSWERS = {"yes": "符合", "partial": "部分符合", "no": "不符合", "na": "不適用"}
POINTS = {"yes": Decimal(1), "partial": Decimal("0.5"), "no": Decimal(0)}
MAX_DAYS = 60
# Submissions of one questionnaire link: a respondent may correct missing answers a few times; a script may not.
LIMIT = ratelimit.Limit(per_source=10, per_scope=30)


def catalogue_items(*, english: bool = False) -> list[tuple[str, str]]:
    """(item id, 「附錄一第 1.1.1 項 title」) of every self-check item, for choosing; with ``english``, in
    Shouhu's unofficial English (the questionnaire itself keeps the official text)."""
    items = load_catalogue().items
    if english:
        return [(i.id, f"{i.display_number_en} {i.title_en or i.title}") for i in items]
    return [(i.id, f"{i.display_number} {i.title}") for i in items]


@transaction.atomic
def create(
    *, actor: Any, subprocessor: SubProcessor, item_ids: Sequence[str], days: int = 14
) -> Questionnaire:
    require(actor, "thirdparties.manage")
    if not item_ids:
        raise ValidationError({"item_ids": _("請選擇至少一個檢查項目")})
    if not 1 <= days <= MAX_DAYS:
        raise ValidationError({"days": _("填答期限須為 1 至 {days} 日").format(days=MAX_DAYS)})
    catalogue = load_catalogue()
    try:
        chosen = [catalogue.item(i) for i in dict.fromkeys(item_ids)]
    except UnknownItemError as exc:
        raise ValidationError({"item_ids": str(exc)}) from None
    questionnaire = Questionnaire.objects.create(
        subprocessor=subprocessor,
        token=secrets.token_urlsafe(32),
        items=[{"id": i.id, "number": i.display_number, "title": i.title} for i in chosen],
        expires_at=timezone.now() + dt.timedelta(days=days),
        created_by=actor,
    )
    record(
        actor=actor,
        action="thirdparties.questionnaire_created",
        obj=subprocessor,
        changes={
            "questionnaire": [None, questionnaire.pk],
            "items": [None, len(chosen)],
            "days": [None, days],
        },
    )
    return questionnaire


def open_by_token(token: str) -> Questionnaire | None:
    """The questionnaire behind a link, or None when the link is unknown, expired or already answered."""
    if not token or len(token) > 64:
        return None
    found = Questionnaire.objects.select_related("subprocessor").filter(token=token).first()
    if found is None or found.submitted_at or found.expires_at <= timezone.now():
        return None
    return found


def score(answers: Mapping[str, Mapping[str, str]]) -> Decimal | None:
    """Percentage of the applicable items met (partial counts half); None when none applies."""
    counted = [POINTS[a["answer"]] for a in answers.values() if a["answer"] in POINTS]
    if not counted:
        return None
    return (sum(counted, Decimal(0)) * 100 / len(counted)).quantize(Decimal("0.1"))


def answer(
    *, questionnaire: Questionnaire, respondent: str, answers: Mapping[str, Mapping[str, str]], ip: str | None
) -> Questionnaire:
    """The external page's submission: counted first (kept even when the answers are refused, so refused
    submissions count too), then ``submit``. Raises ``ratelimit.RateLimited`` over the limits."""
    ratelimit.count_submission(
        scope=f"questionnaire:{questionnaire.pk}", ip=ip, limit=LIMIT, purpose="questionnaire"
    )
    return submit(questionnaire=questionnaire, respondent=respondent, answers=answers, ip=ip)


@transaction.atomic
def submit(
    *, questionnaire: Questionnaire, respondent: str, answers: Mapping[str, Mapping[str, str]], ip: str | None
) -> Questionnaire:
    """Keep the answers once (the link then stops working) and record the processor's check."""
    questionnaire = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
    if questionnaire.submitted_at or questionnaire.expires_at <= timezone.now():
        raise ValidationError(_("此問卷連結已失效"))
    if not respondent.strip():
        raise ValidationError({"respondent": _("請填寫填答人")})
    wanted = [i["id"] for i in questionnaire.items]
    missing = [i for i in wanted if answers.get(i, {}).get("answer") not in ANSWERS]
    if missing:
        raise ValidationError(_("尚有 {n} 題未作答").format(n=len(missing)))
    kept = {
        i: {"answer": answers[i]["answer"], "note": str(answers[i].get("note", ""))[:1000]} for i in wanted
    }
    questionnaire.answers, questionnaire.respondent = kept, respondent.strip()[:100]
    questionnaire.submitted_at, questionnaire.score = timezone.now(), score(kept)
    questionnaire.save(update_fields=["answers", "respondent", "submitted_at", "score"])
    failed = [i["number"] for i in questionnaire.items if kept[i["id"]]["answer"] in {"no", "partial"}]
    shown = "不適用" if questionnaire.score is None else f"{questionnaire.score}%"
    with using(RequestContext(ip=ip, channel="public")):
        check = SupervisionCheck.objects.create(
            subprocessor=questionnaire.subprocessor,
            checked_on=timezone.localdate(),
            method=SupervisionCheck.Method.QUESTIONNAIRE,
            result=f"問卷 {len(wanted)} 題，得分 {shown}（填答人：{questionnaire.respondent}）",
            issues="未完全符合：" + "、".join(failed) if failed else "",
        )
        record(
            actor=None,
            action="thirdparties.questionnaire_answered",
            obj=questionnaire.subprocessor,
            changes={
                "questionnaire": [questionnaire.pk, questionnaire.pk],
                "score": [None, shown],
                "check": [None, check.pk],
            },
        )
        services.complete_yearly_audit(actor=None, done_on=check.checked_on)
    return questionnaire


def link(questionnaire: Questionnaire) -> str:
    """The respondent's address of the questionnaire (this installation's public address + the token path)."""
    from django.urls import reverse

    from shouhu.core import siteurl

    return siteurl.base_url() + reverse("thirdparties:questionnaire", args=[questionnaire.token])


def _company_name() -> str:
    from shouhu.organization.selectors import company

    profile = company()
    return profile.name if profile else "本公司"


def invitation_text(questionnaire: Questionnaire) -> str:
    from shouhu.core.rocdate import format_roc_date

    expires = format_roc_date(timezone.localtime(questionnaire.expires_at).date())
    return (
        f"{questionnaire.subprocessor.name} 您好：\n\n"
        f"{_company_name()}依個人資料保護法施行細則第8條，定期確認受託者之個人資料安全維護執行狀況。"
        f"請於 {expires} 前以下列連結填答 {len(questionnaire.items)} 題檢查項目（免登入，連結僅能提交一次）：\n\n"
        f"{link(questionnaire)}\n\n"
        "此連結為專屬連結，請勿轉寄。如有疑問請回覆本郵件。\n\n"
        f"{_company_name()} 敬上"
    )


@transaction.atomic
def send_link(*, actor: Any, questionnaire: Questionnaire, to: str) -> Questionnaire:
    """E-mail the respondent link; refused for an answered or expired questionnaire. Nothing is recorded as
    sent when the mail server refuses the message."""
    require(actor, "thirdparties.manage")
    questionnaire = (
        Questionnaire.objects.select_for_update().select_related("subprocessor").get(pk=questionnaire.pk)
    )
    if questionnaire.submitted_at or questionnaire.expires_at <= timezone.now():
        raise ValidationError(_("此問卷已填答或已逾期，請另建問卷"))
    to = (to or "").strip()
    try:
        validate_email(to)
    except ValidationError:
        raise ValidationError({"to": _("請填寫正確的電子郵件地址")}) from None
    message = EmailMessage(
        subject=f"[{_company_name()}] 受託者個人資料安全維護問卷",
        body=invitation_text(questionnaire),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
    )
    try:
        message.send(fail_silently=False)
    except (smtplib.SMTPException, OSError) as exc:
        logger.warning("questionnaire %s link not sent: %s", questionnaire.pk, type(exc).__name__)
        raise ValidationError(_("郵件寄送失敗，請稍後再試，或改以其他方式提供連結")) from exc
    before = questionnaire.sent_to
    questionnaire.sent_to, questionnaire.sent_at = to, timezone.now()
    questionnaire.save(update_fields=["sent_to", "sent_at"])
    record(
        actor=actor,
        action="thirdparties.questionnaire_sent",
        obj=questionnaire.subprocessor,
        changes={"questionnaire": [questionnaire.pk, questionnaire.pk], "sent_to": [before, to]},
    )
    return questionnaire
