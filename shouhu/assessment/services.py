"""Writes for assessments: create, answer (optimistic concurrency), complete (lock), revise, review.

Every write checks a permission, runs in a transaction, validates with zh-TW messages and audits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext as _

from shouhu.accounts.models import User
from shouhu.accounts.permissions import require
from shouhu.assessment.blank_text import blank_error_text
from shouhu.assessment.models import (
    Answer,
    Assessment,
    Finding,
    Kind,
    Result,
    Severity,
    State,
)
from shouhu.assessment.selectors import previous_completed
from shouhu.audit.records import create_record, update_record
from shouhu.audit.services import diff, record
from shouhu.core.messages import compose, define
from shouhu.engines.catalog import (
    BlankValueError,
    Catalogue,
    Item,
    UnknownCatalogueError,
    UnknownItemError,
    load_catalogue,
    validate_blanks,
)
from shouhu.evidence import selectors as evidence_selectors
from shouhu.evidence.models import Evidence
from shouhu.evidence.services import store

ASSESSMENT_FIELDS = (
    "kind",
    "tables",
    "company_name",
    "assessed_on",
    "external_assessors",
    "scope",
    "catalogue_version",
)
EDITABLE_FIELDS = ("company_name", "assessed_on", "external_assessors", "scope")
TRANSITIONS: dict[str, frozenset[str]] = {
    State.DRAFT: frozenset({State.IN_PROGRESS}),
    State.IN_PROGRESS: frozenset({State.COMPLETED}),
    State.COMPLETED: frozenset({State.REVIEWED}),
    State.REVIEWED: frozenset(),
}
MAX_TEXT = 5000
MAX_OTHER = 500
LOCKED_MESSAGE = (
    "此檢查已完成並鎖定，不可再修改；如需更正請建立修訂版。/ The assessment is locked; create a revision."
)
AUTO_SEVERITY = {Result.NONCONFORM: Severity.HIGH, Result.PARTIAL: Severity.MEDIUM}

# The compliance calendar's note when an assessment completes it (shown in the reader's language).
COMPLETED_NOTE = define(
    "assessment.completed_note",
    gettext_noop("{kind}完成（{company}）"),
    lambda f: {**f, "kind": Kind(f["kind"]).label},
)


class AnswerConflict(ValidationError):
    """A save based on an older version of the answer: someone else saved in between."""

    def __init__(self, answer: Answer) -> None:
        who = answer.updated_by.username if answer.updated_by else "另一位使用者"
        when = timezone.localtime(answer.updated_at).strftime("%H:%M:%S") if answer.updated_at else ""
        super().__init__(
            f"{who} 已於 {when} 更新此項目（第 {answer.version} 版），您的修改未儲存。"
            "請檢視對方的內容後重新載入再修改。/ Someone else saved this item first; your change was not saved.",
            code="conflict",
        )
        self.answer = answer


def catalogue_of(assessment: Assessment) -> Catalogue:
    return load_catalogue(assessment.catalogue_version)


def items_of(assessment: Assessment) -> list[Item]:
    catalogue = catalogue_of(assessment)
    return [item for table_id in assessment.table_ids for item in catalogue.table(table_id).items]


def _transition(
    *, actor: User, assessment: Assessment, to: str, changes: dict[str, Any] | None = None
) -> None:
    current = assessment.state
    if to not in TRANSITIONS[current]:
        raise ValidationError(
            _("檢查狀態為「{value}」，不可改為「{label}」。").format(
                value=assessment.get_state_display(), label=State(to).label, current=current, to=to
            )
        )
    assessment.state = to
    fields = ["state"]
    for name, (_old, new) in (changes or {}).items():
        setattr(assessment, name, new)
        fields.append(name)
    assessment.save(update_fields=fields)
    record(
        actor=actor,
        action=f"assessment.{to}",
        obj=assessment,
        changes={"state": [current, to], **(changes or {})},
    )


def _locked_for_update(assessment: Assessment) -> Assessment:
    fresh = Assessment.objects.select_for_update().get(pk=assessment.pk)
    assessment.state = fresh.state
    return fresh


@transaction.atomic
def create_assessment(*, actor: User, data: Mapping[str, Any], assessors: Iterable[User] = ()) -> Assessment:
    """Create an assessment with one empty answer per item of its tables."""
    require(actor, "assessment.manage")
    version = data.get("catalogue_version") or load_catalogue().id
    try:
        load_catalogue(version)
    except UnknownCatalogueError as exc:
        raise ValidationError({"catalogue_version": str(exc)}) from exc
    assessment = create_record(
        actor=actor,
        model=Assessment,
        data={**data, "catalogue_version": version, "created_by": actor},
        fields=(*ASSESSMENT_FIELDS, "created_by"),
        past=("assessed_on",),
    )
    people = list(assessors)
    if people:
        assessment.assessors.set(people)
        record(
            actor=actor,
            action="assessment.assessors_set",
            obj=assessment,
            changes={"assessors": [[], [u.username for u in people]]},
        )
    Answer.objects.bulk_create(
        [
            Answer(
                assessment=assessment,
                item_id=item.id,
                position=index,
                applicable=True if item.applicability.preticked else None,
            )
            for index, item in enumerate(items_of(assessment))
        ]
    )
    return assessment


@transaction.atomic
def update_assessment(
    *, actor: User, assessment: Assessment, data: Mapping[str, Any], assessors: Iterable[User] | None = None
) -> Assessment:
    require(actor, "assessment.manage")
    if _locked_for_update(assessment).locked:
        raise ValidationError(LOCKED_MESSAGE)
    update_record(actor=actor, instance=assessment, data=data, fields=EDITABLE_FIELDS, past=("assessed_on",))
    if assessors is not None:
        before = sorted(u.username for u in assessment.assessors.all())
        people = list(assessors)
        after = sorted(u.username for u in people)
        if before != after:
            assessment.assessors.set(people)
            record(
                actor=actor,
                action="assessment.assessors_set",
                obj=assessment,
                changes={"assessors": [before, after]},
            )
    return assessment


def _text(value: Any, limit: int, field: str) -> str:
    text = "" if value is None else str(value).strip()
    if len(text) > limit:
        raise ValidationError({field: _("內容不得超過 {limit} 字。").format(limit=limit)})
    return text


def clean_answer(item: Item, data: Mapping[str, Any]) -> dict[str, Any]:
    """Validate one answer against its printed item; returns the normalised field values."""
    result = data.get("result") or ""
    if result not in Result.values and result != "":
        raise ValidationError({"result": _("未知的檢查結果「{result}」。").format(result=result)})
    applicable = data.get("applicable")
    if result == Result.NOT_APPLICABLE:
        applicable = False
    if applicable is False and not item.applicability.allows_not_applicable:
        raise ValidationError(
            {
                "applicable": _("{display_number}依法規適用，不可勾選「不適用」。").format(
                    display_number=item.display_number
                )
            }
        )
    if item.applicability.preticked and applicable is None:
        applicable = True
    na_reason = _text(data.get("na_reason"), MAX_TEXT, "na_reason")
    if applicable is False:
        if not na_reason:
            raise ValidationError(
                {
                    "na_reason": _("{display_number}勾選「不適用」時須填寫說明。").format(
                        display_number=item.display_number
                    )
                }
            )
        result = Result.NOT_APPLICABLE
    elif result == Result.NOT_APPLICABLE:
        raise ValidationError({"result": _("適用的項目不可評為「不適用」。")})
    ticked_raw = data.get("ticked") or []
    if isinstance(ticked_raw, str) or not all(isinstance(t, str) for t in ticked_raw):
        raise ValidationError({"ticked": _("勾選項目格式錯誤。")})
    ticked = [o.id for o in item.options if o.id in set(ticked_raw)]
    unknown = sorted(set(ticked_raw) - {o.id for o in item.options})
    if unknown:
        raise ValidationError(
            {
                "ticked": _("{display_number}沒有選項：{value}。").format(
                    display_number=item.display_number, value="、".join(unknown)
                )
            }
        )
    if applicable is False:
        ticked = []
    blanks_raw = data.get("blanks") or {}
    other_raw = data.get("other_text") or {}
    if not isinstance(blanks_raw, Mapping) or not isinstance(other_raw, Mapping):
        raise ValidationError({"blanks": _("填空格式錯誤。")})
    unknown = sorted(set(blanks_raw) - {o.id for o in item.options})
    if unknown:
        raise ValidationError(
            {
                "blanks": _("{display_number}沒有選項：{value}。").format(
                    display_number=item.display_number, value="、".join(unknown)
                )
            }
        )
    blanks: dict[str, Any] = {}
    other: dict[str, str] = {}
    for option in item.options:
        if option.id not in ticked:
            continue
        values = blanks_raw.get(option.id) or {}
        if option.blanks:
            if not isinstance(values, Mapping):
                raise ValidationError({"blanks": _("填空格式錯誤。")})
            try:
                cleaned = validate_blanks(item, option.id, values, partial=True)
            except BlankValueError as exc:
                raise ValidationError({"blanks": blank_error_text(exc)}) from exc
            if cleaned:
                blanks[option.id] = cleaned
        if option.free_text:
            text = _text(other_raw.get(option.id), MAX_OTHER, "other_text")
            if text:
                other[option.id] = text
    return {
        "applicable": applicable,
        "na_reason": na_reason if applicable is False else "",
        "ticked": ticked,
        "blanks": blanks,
        "other_text": other,
        "explanation": _text(data.get("explanation"), MAX_TEXT, "explanation"),
        "result": result,
    }


def _item(assessment: Assessment, item_id: str) -> Item:
    try:
        item = catalogue_of(assessment).item(item_id)
    except UnknownItemError as exc:
        raise ValidationError({"item_id": _("{exc}。").format(exc=exc)}) from exc
    if item.table_id not in assessment.table_ids:
        raise ValidationError(
            {"item_id": _("此檢查不含{display_number}。").format(display_number=item.display_number)}
        )
    return item


@transaction.atomic
def save_answer(
    *, actor: User, assessment: Assessment, item_id: str, data: Mapping[str, Any], version: int
) -> Answer:
    """Save one item's answer if ``version`` is still current; otherwise raise AnswerConflict."""
    require(actor, "assessment.manage")
    fresh = _locked_for_update(assessment)
    if fresh.locked:
        raise ValidationError(LOCKED_MESSAGE)
    item = _item(assessment, item_id)
    answer = (
        Answer.objects.select_for_update(of=("self",))
        .select_related("updated_by")
        .get(assessment=assessment, item_id=item_id)
    )
    if answer.version != version:
        raise AnswerConflict(answer)
    values = clean_answer(item, data)
    before = answer.values()
    for name, value in values.items():
        setattr(answer, name, value)
    changes = diff(before, answer.values())
    if not changes:
        return answer
    answer.version += 1
    answer.updated_by = actor
    answer.updated_at = timezone.now()
    answer.save(update_fields=[*values, "version", "updated_by", "updated_at"])
    record(
        actor=actor,
        action="assessment.answer_saved",
        obj=assessment,
        changes={"item_id": [None, item_id], "version": [version, answer.version], **changes},
    )
    if fresh.state == State.DRAFT:
        _transition(actor=actor, assessment=assessment, to=State.IN_PROGRESS)
    return answer


def previous_answers(assessment: Assessment, item_ids: Iterable[str]) -> dict[str, Answer]:
    """The previous completed assessment's answers for these items (for carrying forward), by item id."""
    previous = previous_completed(assessment)
    if previous is None:
        return {}
    answers = (
        previous.answers.filter(item_id__in=list(item_ids)).exclude(result="").prefetch_related("evidence")
    )
    return {a.item_id: a for a in answers}


@transaction.atomic
def carry_forward(*, actor: User, assessment: Assessment, item_id: str, version: int) -> Answer:
    """「沿用」: save the previous assessment's answer, explanation and evidence links for this item."""
    previous = previous_answers(assessment, [item_id]).get(item_id)
    if previous is None:
        raise ValidationError(_("上次的檢查沒有這一項的答案。"))
    answer = save_answer(
        actor=actor, assessment=assessment, item_id=item_id, data=previous.values(), version=version
    )
    _link_previous_evidence(actor, assessment, answer, previous.evidence.all())
    record(
        actor=actor,
        action="assessment.answer_carried_forward",
        obj=assessment,
        changes={"item_id": [None, item_id], "from_assessment": [None, previous.assessment_id]},
    )
    return answer


def _link_previous_evidence(
    actor: User, assessment: Assessment, answer: Answer, evidence: Iterable[Any]
) -> None:
    for item in evidence:
        if not answer.evidence.filter(pk=item.pk).exists():
            answer.evidence.add(item)
            record(
                actor=actor,
                action="assessment.evidence_linked",
                obj=assessment,
                changes={"item_id": [None, answer.item_id], "evidence": [None, item.pk]},
            )


@transaction.atomic
def save_revised_answer(
    *,
    actor: User,
    assessment: Assessment,
    item_id: str,
    data: Mapping[str, Any],
    version: int,
    evidence_ids: Iterable[int],
) -> Answer:
    """「修改」: save the user's revision of last time's answer with the evidence links of last time the
    user kept (only evidence that was linked to this item last time can be carried)."""
    answer = save_answer(actor=actor, assessment=assessment, item_id=item_id, data=data, version=version)
    wanted = {int(pk) for pk in evidence_ids}
    previous = previous_answers(assessment, [item_id]).get(item_id) if wanted else None
    if previous is not None:
        _link_previous_evidence(actor, assessment, answer, previous.evidence.filter(pk__in=wanted))
    return answer


@transaction.atomic
def start(*, actor: User, assessment: Assessment) -> Assessment:
    require(actor, "assessment.manage")
    _locked_for_update(assessment)
    _transition(actor=actor, assessment=assessment, to=State.IN_PROGRESS)
    return assessment


def completion_problems(assessment: Assessment, answers: Iterable[Answer] | None = None) -> list[str]:
    """What still stops completion: unanswered items and unfilled blanks of ticked options."""
    catalogue = catalogue_of(assessment)
    problems: list[str] = []
    unanswered = []
    for answer in assessment.answers.all() if answers is None else answers:
        item = catalogue.item(answer.item_id)
        if not answer.result:
            english = (get_language() or "").startswith("en")
            unanswered.append(item.display_number_en if english else item.display_number)
            continue
        for option_id in answer.ticked:
            option = item.option(option_id)
            if option is None or not option.blanks:
                continue
            try:
                validate_blanks(item, option_id, answer.blanks.get(option_id, {}))
            except BlankValueError as exc:
                problems.append(blank_error_text(exc))
    if unanswered:
        shown = _("、").join(unanswered[:10]) + ("…" if len(unanswered) > 10 else "")
        problems.insert(0, _("尚有 {n} 個項目未評定結果：{shown}。").format(n=len(unanswered), shown=shown))
    return problems


def unanswered_items(assessment: Assessment) -> list[Item]:
    """The items still without a result, in printed order."""
    catalogue = catalogue_of(assessment)
    return [catalogue.item(a.item_id) for a in assessment.answers.filter(result="").order_by("position")]


def _rate_unanswered(actor: User, assessment: Assessment, reason: str) -> None:
    """Explicit handling at completion: each unanswered item is rated 不符合 with the reason (so a finding follows)."""
    reason = _text(reason, MAX_TEXT, "unanswered_reason")
    if not reason:
        raise ValidationError({"unanswered_reason": _("請說明未作答項目的原因。")})
    note = f"完成時未作答，記為不符合：{reason}"
    for answer in assessment.answers.select_for_update().filter(result=""):
        before = answer.values()
        answer.result = Result.NONCONFORM
        if answer.applicable is None:
            answer.applicable = True
        answer.explanation = f"{answer.explanation}\n{note}".strip()
        answer.version += 1
        answer.updated_by, answer.updated_at = actor, timezone.now()
        answer.save(
            update_fields=["result", "applicable", "explanation", "version", "updated_by", "updated_at"]
        )
        record(
            actor=actor,
            action="assessment.answer_saved",
            obj=assessment,
            changes={"item_id": [None, answer.item_id], **diff(before, answer.values())},
        )


@transaction.atomic
def complete(*, actor: User, assessment: Assessment, unanswered_reason: str | None = None) -> Assessment:
    """Finish and lock the assessment; 不符合/部分符合 answers become findings.

    Unanswered items stop completion unless ``unanswered_reason`` is given: they are then rated 不符合
    with that reason, explicitly, so nothing unchecked passes as checked.
    """
    require(actor, "assessment.manage")
    fresh = _locked_for_update(assessment)
    if fresh.state == State.DRAFT:
        raise ValidationError(_("檢查尚未開始作答，不可完成。"))
    if fresh.locked:
        raise ValidationError(_("此檢查已完成。"))
    if unanswered_reason is not None:
        _rate_unanswered(actor, assessment, unanswered_reason)
    problems = completion_problems(assessment)
    if problems:
        raise ValidationError(problems)
    now = timezone.now()
    _transition(
        actor=actor,
        assessment=assessment,
        to=State.COMPLETED,
        changes={"completed_at": [None, now], "completed_by": [None, actor]},
    )
    catalogue = catalogue_of(assessment)
    for answer in assessment.answers.filter(result__in=list(AUTO_SEVERITY)):
        item = catalogue.item(answer.item_id)
        finding = Finding.objects.create(
            assessment=assessment,
            answer=answer,
            item_id=item.id,
            source=Finding.Source.ANSWER,
            title=f"{item.display_number}：{item.title}"[:300],
            created_by=actor,
            description=answer.explanation,
            severity=AUTO_SEVERITY[Result(answer.result)],
        )
        record(
            actor=actor,
            action="assessment.finding_created",
            obj=finding,
            changes={
                "item_id": [None, item.id],
                "severity": [None, finding.severity],
                "source": [None, "answer"],
            },
        )
    from shouhu.law.services import complete_from_record

    complete_from_record(
        actor=actor,
        key="self-check-internal-audit",
        done_on=min(assessment.assessed_on, timezone.localdate()),
        note=compose(COMPLETED_NOTE, kind=assessment.kind, company=assessment.company_name),
    )
    return assessment


@transaction.atomic
def new_revision(*, actor: User, assessment: Assessment, reason: str) -> Assessment:
    """Copy a completed assessment into a new revision that can be changed (the original stays locked)."""
    require(actor, "assessment.manage")
    if not _locked_for_update(assessment).locked:
        raise ValidationError(_("只有已完成的檢查可以建立修訂版；進行中的檢查請直接修改。"))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"revision_reason": _("請填寫修訂原因。")})
    latest = Assessment.objects.filter(revision_of=assessment).order_by("-revision").first()
    if latest is not None and not latest.locked:
        raise ValidationError(_("已有進行中的修訂版（#{pk}），請先完成它。").format(pk=latest.pk))
    revision = Assessment.objects.create(
        kind=assessment.kind,
        tables=assessment.tables,
        company_name=assessment.company_name,
        assessed_on=timezone.localdate(),
        external_assessors=assessment.external_assessors,
        scope=assessment.scope,
        catalogue_version=assessment.catalogue_version,
        state=State.IN_PROGRESS,
        revision=assessment.revision + 1,
        revision_of=assessment,
        revision_reason=reason[:300],
        created_by=actor,
    )
    revision.assessors.set(assessment.assessors.all())
    originals = list(assessment.answers.prefetch_related("evidence"))
    copies = Answer.objects.bulk_create(
        [
            Answer(
                assessment=revision,
                item_id=a.item_id,
                position=a.position,
                applicable=a.applicable,
                na_reason=a.na_reason,
                ticked=a.ticked,
                blanks=a.blanks,
                other_text=a.other_text,
                explanation=a.explanation,
                result=a.result,
                version=0,
            )
            for a in originals
        ]
    )
    by_item = {a.item_id: a for a in copies if a.pk} or {
        a.item_id: a for a in Answer.objects.filter(assessment=revision)
    }
    through = Answer.evidence.through
    through.objects.bulk_create(
        [
            through(answer_id=by_item[a.item_id].pk, evidence_id=e.pk)
            for a in originals
            for e in a.evidence.all()
        ]
    )
    record(
        actor=actor,
        action="assessment.revision_created",
        obj=revision,
        changes={
            "revision_of": [None, assessment.pk],
            "revision": [None, revision.revision],
            "revision_reason": [None, reason],
        },
    )
    record(
        actor=actor,
        action="assessment.revised",
        obj=assessment,
        changes={"new_revision": [None, revision.pk]},
    )
    return revision


@transaction.atomic
def review(*, actor: User, assessment: Assessment, comments: str, sign_off: bool) -> Assessment:
    """The 總負責人's management review: comments, and with sign-off the assessment becomes 已審查."""
    require(actor, "assessment.review")
    fresh = _locked_for_update(assessment)
    comments = (comments or "").strip()
    if fresh.state != State.COMPLETED:
        raise ValidationError(
            _("只有已完成的檢查可以審查（目前為「{value}」）。").format(value=fresh.get_state_display())
        )
    if not comments:
        raise ValidationError({"review_comments": _("請填寫審查意見。")})
    if sign_off:
        _transition(
            actor=actor,
            assessment=assessment,
            to=State.REVIEWED,
            changes={
                "review_comments": [fresh.review_comments, comments],
                "reviewed_at": [None, timezone.now()],
                "reviewed_by": [None, actor],
            },
        )
    else:
        old = fresh.review_comments
        assessment.review_comments = comments
        assessment.save(update_fields=["review_comments"])
        record(
            actor=actor,
            action="assessment.review_commented",
            obj=assessment,
            changes={"review_comments": [old, comments]},
        )
    return assessment


def _answer_for_files(actor: User, assessment: Assessment, item_id: str) -> Answer:
    require(actor, "assessment.manage")
    if _locked_for_update(assessment).locked:
        raise ValidationError(LOCKED_MESSAGE)
    _item(assessment, item_id)
    return Answer.objects.get(assessment=assessment, item_id=item_id)


@transaction.atomic
def attach_evidence(
    *,
    actor: User,
    assessment: Assessment,
    item_id: str,
    file: IO[bytes] | bytes,
    filename: str,
    description: str = "",
) -> Evidence:
    """Upload a file through the evidence store and link it to the item's answer."""
    answer = _answer_for_files(actor, assessment, item_id)
    evidence = store(
        actor=actor,
        file=file,
        filename=filename,
        description=description,
        context=f"assessment.answer:{answer.pk}",
    )
    answer.evidence.add(evidence)
    record(
        actor=actor,
        action="assessment.evidence_attached",
        obj=assessment,
        changes={"item_id": [None, item_id], "evidence": [None, evidence.pk]},
    )
    return evidence


@transaction.atomic
def link_evidence(*, actor: User, assessment: Assessment, item_id: str, evidence_id: int) -> Evidence:
    """Link an evidence file already in the store to the item's answer."""
    answer = _answer_for_files(actor, assessment, item_id)
    require(actor, "evidence.view")
    # only a file the actor may read (a department officer: not another department's)
    evidence = evidence_selectors.evidence_by_pk(evidence_id, actor=actor)
    if evidence is None:
        raise ValidationError(
            {"evidence_id": _("找不到佐證檔案 #{evidence_id}。").format(evidence_id=evidence_id)}
        )
    answer.evidence.add(evidence)
    record(
        actor=actor,
        action="assessment.evidence_linked",
        obj=assessment,
        changes={"item_id": [None, item_id], "evidence": [None, evidence.pk]},
    )
    return evidence


@transaction.atomic
def unlink_evidence(*, actor: User, assessment: Assessment, item_id: str, evidence_id: int) -> None:
    answer = _answer_for_files(actor, assessment, item_id)
    if answer.evidence.filter(pk=evidence_id).exists():
        answer.evidence.remove(evidence_id)
        record(
            actor=actor,
            action="assessment.evidence_unlinked",
            obj=assessment,
            changes={"item_id": [None, item_id], "evidence": [evidence_id, None]},
        )


def today() -> dt.date:
    return timezone.localdate()


def raise_outside_finding(
    *, actor: User, title: str, description: str = "", severity: str, origin: str,
    source: str = "client_audit", action: Mapping[str, Any] | None = None,
) -> Any:  # fmt: skip
    """A finding from outside the self-check tables (a client's audit of us: ``source="client_audit"``; an
    access review: ``"access"``) with its corrective action; returns the ``CorrectiveAction``. ``action``
    may give its ``cause``, ``measures``, ``owner`` (a user) and ``due_on``: it then starts in progress. For
    other apps, which reach assessment only through here."""
    from shouhu.assessment import findings

    return findings.raise_outside_finding(
        actor=actor, title=title, description=description, severity=severity, origin=origin, source=source,
        action=action,
    )  # fmt: skip


def on_action_closed(fn: Callable[..., None]) -> Callable[..., None]:
    """Register ``fn(actor=, action=)`` to run when a corrective action closes (in its transaction), from
    an app's ``AppConfig.ready()``; e.g. people completes the access-review follow-up the action stands for."""
    from shouhu.assessment import findings

    return findings.on_action_closed(fn)
