"""Processor questionnaires: items chosen from the guideline's self-check tables (附錄一／二), answered by an
external respondent at an expiring, unguessable link (no account), scored and kept. A submitted
questionnaire is recorded as that processor's periodic check."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from shouhu.accounts.permissions import require
from shouhu.audit.services import record
from shouhu.core.request_context import RequestContext, using
from shouhu.engines.catalog import UnknownItemError, load_catalogue
from shouhu.thirdparties import services
from shouhu.thirdparties.models import Questionnaire, SubProcessor, SupervisionCheck

ANSWERS = {"yes": "符合", "partial": "部分符合", "no": "不符合", "na": "不適用"}
POINTS = {"yes": Decimal(1), "partial": Decimal("0.5"), "no": Decimal(0)}
MAX_DAYS = 60


def catalogue_items() -> list[tuple[str, str]]:
    """(item id, 「附錄一 1.1.1 title」) of every self-check item, for choosing."""
    return [(i.id, f"{i.display_number} {i.title}") for i in load_catalogue().items]


@transaction.atomic
def create(
    *, actor: Any, subprocessor: SubProcessor, item_ids: Sequence[str], days: int = 14
) -> Questionnaire:
    require(actor, "thirdparties.manage")
    if not item_ids:
        raise ValidationError({"item_ids": "請選擇至少一個檢查項目"})
    if not 1 <= days <= MAX_DAYS:
        raise ValidationError({"days": f"填答期限須為 1 至 {MAX_DAYS} 日"})
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


@transaction.atomic
def submit(
    *, questionnaire: Questionnaire, respondent: str, answers: Mapping[str, Mapping[str, str]], ip: str | None
) -> Questionnaire:
    """Keep the answers once (the link then stops working) and record the processor's check."""
    questionnaire = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
    if questionnaire.submitted_at or questionnaire.expires_at <= timezone.now():
        raise ValidationError("此問卷連結已失效")
    if not respondent.strip():
        raise ValidationError({"respondent": "請填寫填答人"})
    wanted = [i["id"] for i in questionnaire.items]
    missing = [i for i in wanted if answers.get(i, {}).get("answer") not in ANSWERS]
    if missing:
        raise ValidationError(f"尚有 {len(missing)} 題未作答")
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
