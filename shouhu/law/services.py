"""Writes of the law module, and the thin wrappers other modules call to reach the law engine.

Every legal deadline in Shouhu is computed by ``shouhu.engines.law``; the incident and request
workflows call ``compute_incident_deadlines`` / ``compute_request_deadlines`` / ``compute_event_deadlines``
here, which feed the engine the facts stored by this module.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import logging
import secrets
import smtplib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from shouhu.accounts.permissions import has_perm, require
from shouhu.audit.records import create_record, delete_record, update_record
from shouhu.audit.services import record
from shouhu.core import messages
from shouhu.core.bilingual import pick
from shouhu.core.messages import Message
from shouhu.core.rocdate import RocDateError, format_roc_date
from shouhu.core.validation import check_dates, check_instance, is_sane
from shouhu.engines.law.applicability import Assessment
from shouhu.engines.law.deadlines import (
    Deadline,
    DeadlineReport,
    event_report,
    incident_report,
    request_report,
)
from shouhu.engines.law.errors import LawEngineError
from shouhu.engines.law.inputs import EventFacts, IncidentFacts, RequestFacts
from shouhu.engines.law.model import RecurringObligation
from shouhu.engines.law.preview import preview_from_json
from shouhu.engines.law.recurring import next_due, obligations_for
from shouhu.law import selectors
from shouhu.law.models import ClientFacts, CompanyFacts, Completion, FeedToken, Obligation, Reminder
from shouhu.organization.models import Client

logger = logging.getLogger(__name__)

COMMON_FIELDS = [
    "industry_codes", "business_item_codes", "registered_capital", "is_government_agency", "special_reasons",
    "sectors", "consumer_records", "records_from_inventory", "hospital_beds", "ncc_categories", "ncc_subscribers",
    "collects_customer_data", "threshold_reached_on", "resuming_after_suspension",
]  # fmt: skip
# Our company's type, paid-in capital and main industry code live in the company profile only.
COMPANY_FIELDS = [*COMMON_FIELDS, "government_contracts"]
# A client's main industry code and service types (hosting) live in the client record only.
CLIENT_FIELDS = [*COMMON_FIELDS, "company_type", "paid_in_capital"]


# --- facts ------------------------------------------------------------------------------------------


def _engine_check(candidate: CompanyFacts | ClientFacts, client: Client | None) -> None:
    """Run the engine's own fact validation (e.g. a government agency cannot be 特定非公務機關)."""
    try:
        if isinstance(candidate, ClientFacts):
            assert client is not None
            selectors.to_party_facts_client(candidate, client)
        else:
            selectors.to_party_facts_company(candidate, selectors.company())
    except LawEngineError as error:
        raise ValidationError(str(error)) from error


def _save_facts(
    *, actor: Any, model: type[CompanyFacts] | type[ClientFacts], existing: Any, owner: dict[str, Any],
    data: Mapping[str, Any], fields: list[str], client: Client | None,
) -> Any:  # fmt: skip
    values = {k: v for k, v in data.items() if k in fields}
    candidate = copy.copy(existing) if existing is not None else model(**owner)
    for name, value in values.items():
        setattr(candidate, name, value)
    check_instance(candidate, values, past=("threshold_reached_on",))
    candidate.full_clean(exclude=list(owner))
    _engine_check(candidate, client)
    if existing is None:
        return create_record(actor=actor, model=model, data={**owner, **values}, fields=[*owner, *fields])
    return update_record(actor=actor, instance=existing, data=values, fields=fields)


@transaction.atomic
def save_company_facts(*, actor: Any, data: Mapping[str, Any]) -> CompanyFacts:
    """Create or update our company's facts, then re-evaluate the compliance calendar."""
    require(actor, "law.manage")
    profile = selectors.company()
    if profile is None:
        raise ValidationError(gettext("請先於「組織與人員」填寫公司基本資料。"))
    facts: CompanyFacts = _save_facts(
        actor=actor, model=CompanyFacts, existing=selectors.company_facts(), owner={"company": profile},
        data=data, fields=COMPANY_FIELDS, client=None,
    )  # fmt: skip
    sync_calendar(actor=actor)
    return facts


@transaction.atomic
def save_client_facts(*, actor: Any, client: Client, data: Mapping[str, Any]) -> ClientFacts:
    """Create or update a client's facts."""
    require(actor, "law.manage")
    facts: ClientFacts = _save_facts(
        actor=actor, model=ClientFacts, existing=selectors.client_facts(client), owner={"client": client},
        data=data, fields=CLIENT_FIELDS, client=client,
    )  # fmt: skip
    return facts


# --- deadline engine wrappers ------------------------------------------------------------------------


def compute_incident_report(*, incident: IncidentFacts, clients: Iterable[Client] = ()) -> DeadlineReport:
    """Every legal deadline ``incident`` starts, for our company and the given clients (stored facts),
    with the engine's warnings. Deadlines that wait on an unknown fact carry it in ``pending``.

    ``incident.affected_client_ids`` uses ``selectors.client_party_id(client)``; None means every client
    passed here is affected.
    """
    company = selectors.party_facts_for_company()
    parties = [selectors.party_facts_for_client(c) for c in clients]
    return incident_report(incident, company, parties)


def compute_incident_deadlines(*, incident: IncidentFacts, clients: Iterable[Client] = ()) -> list[Deadline]:
    """The deadlines of ``compute_incident_report`` (kept for callers that do not show warnings yet)."""
    return compute_incident_report(incident=incident, clients=clients).deadlines


def compute_request_report(*, request: RequestFacts, client: Client | None = None) -> DeadlineReport:
    """The deadline a data-subject request starts for our company, or for ``client`` when given."""
    holder = selectors.party_facts_for_client(client) if client else selectors.party_facts_for_company()
    if request.party_id != holder.party_id:
        raise ValidationError(
            gettext("請求之受理者代號 {asked} 與事實資料 {held} 不符").format(
                asked=request.party_id, held=holder.party_id
            )
        )
    return request_report(request, holder)


def compute_request_deadlines(*, request: RequestFacts, client: Client | None = None) -> list[Deadline]:
    return compute_request_report(request=request, client=client).deadlines


def compute_event_report(*, event: EventFacts, clients: Iterable[Client] = ()) -> DeadlineReport:
    """The deadline a correction or an unlawful client instruction starts."""
    company = selectors.party_facts_for_company()
    parties = [selectors.party_facts_for_client(c) for c in clients]
    return event_report(event, company, parties)


def compute_event_deadlines(*, event: EventFacts, clients: Iterable[Client] = ()) -> list[Deadline]:
    return compute_event_report(event=event, clients=clients).deadlines


def preview_deadlines(*, actor: Any, data: object) -> dict[str, Any] | list[dict[str, Any]]:
    """Deadlines for hypothetical incidents/requests/events in the preview JSON format (read only).

    One object gives ``{"deadlines", "warnings"}``; a list gives a list of those (see the engine's
    ``preview`` module).
    """
    require(actor, "law.view")
    if not isinstance(data, dict | list):
        raise ValidationError(gettext("輸入須為 JSON 物件或物件清單"))
    try:
        return preview_from_json(data)
    except LawEngineError as error:
        raise ValidationError(str(error)) from error


def preview_for_stored_parties(
    *, actor: Any, incident: IncidentFacts, clients: Sequence[Client]
) -> DeadlineReport:
    """Deadline preview for a hypothetical incident using the facts stored for our company and clients."""
    require(actor, "law.view")
    try:
        return compute_incident_report(incident=incident, clients=clients)
    except LawEngineError as error:
        raise ValidationError(str(error)) from error


# --- compliance calendar -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Wanted:
    key: str
    kind: str
    title_zh: str
    frequency: str
    frequency_is_default: bool
    also_when_zh: str
    source_zh: str
    condition: str
    reason_zh: str
    law_version: str
    due_on: dt.date | None
    pending_zh: str = ""
    reason_en: str = ""
    pending_en: str = ""


def _applied_reason_en(applied: Any) -> str:
    """ "NAME applies: REASON" in English, or "" when the engine has no English for the rule or its reason."""
    if not (applied.title_en and applied.reason_en):
        return ""
    verb = "may apply" if applied.pending else "applies"
    return f"{applied.title_en} {verb}: {applied.reason_en}"


def _wanted(assessment: Assessment) -> dict[str, _Wanted]:
    by_rule = {a.rule_id: a for a in assessment.applicable}
    wanted: dict[str, _Wanted] = {}
    recurring: list[RecurringObligation] = obligations_for(by_rule)
    for item in recurring:
        pending = ""
        pending_en = ""
        if item.condition == "always":
            reason, version = "指引建議事項，不分適用法規", ""
            reason_en = "A guideline recommendation, whichever laws apply"
        else:
            applied = by_rule[item.condition]
            verb = "可能適用" if applied.pending else "適用"
            reason = f"{applied.title_zh}{verb}：{applied.reason_zh}"
            reason_en = _applied_reason_en(applied)
            version, pending, pending_en = applied.law_version, applied.pending_zh, applied.pending_en
        kind = Obligation.Kind.RECURRING if item.frequency else Obligation.Kind.EVENT
        wanted[item.id] = _Wanted(
            item.id, kind, item.title_zh, item.frequency or "", item.frequency_is_default, item.also_when_zh,
            item.source_zh, item.condition, reason, version, assessment.on if item.frequency else None, pending,
            reason_en, pending_en,
        )  # fmt: skip
    for applied in assessment.applicable:
        for follow in applied.follow_ups:
            key = f"follow-up:{follow.id}"
            wanted[key] = _Wanted(
                key, Obligation.Kind.FOLLOW_UP, follow.title_zh, "", False, "", follow.legal_basis_zh,
                applied.rule_id, follow.reason_zh, applied.law_version, follow.due_on, applied.pending_zh,
                follow.reason_en, applied.pending_en,
            )  # fmt: skip
    return wanted


def _removal_reason(obligation: Obligation, assessment: Assessment) -> tuple[str, str]:
    """Why a row is retired, in zh-TW and English ("" when the engine has no English for the rule)."""
    for item in assessment.not_applicable:
        if item.rule_id == obligation.condition:
            english = (
                f"{item.title_en} no longer applies: {item.reason_en}"
                if item.title_en and item.reason_en
                else ""
            )
            return f"{item.title_zh}不再適用：{item.reason_zh}", english
    return (
        "適用之法規判斷已變更，本項不再適用",
        "The decision on which laws apply has changed; this item no longer applies",
    )


@dataclass(frozen=True)
class SyncResult:
    added: list[str]
    removed: list[str]


@transaction.atomic
def sync_calendar(*, actor: Any, on: dt.date | None = None) -> SyncResult:
    """Make the calendar match what applies to our company on ``on``: add, re-activate and retire rows.

    Obligations of a rule that only may apply (a threshold fact not yet known) are kept, with
    ``pending_zh`` saying which fact is missing — never dropped as if the answer were "no".

    Idempotent: a second run with the same facts and date writes nothing.
    """
    today = on or timezone.localdate()
    assessment = selectors.assessment_for_company(today)
    wanted = _wanted(assessment)
    existing = {o.key: o for o in Obligation.objects.select_for_update()}
    added: list[str] = []
    removed: list[str] = []
    for key, item in wanted.items():
        current = existing.get(key)
        if current is None:
            obligation = Obligation.objects.create(
                key=key, kind=item.kind, title_zh=item.title_zh, frequency=item.frequency,
                frequency_is_default=item.frequency_is_default, also_when_zh=item.also_when_zh,
                source_zh=item.source_zh, condition=item.condition, reason_zh=item.reason_zh,
                law_version=item.law_version, activated_on=today, due_on=item.due_on, pending_zh=item.pending_zh,
                reason_en=item.reason_en, pending_en=item.pending_en,
            )  # fmt: skip
            record(actor=actor, action="law.obligation_added", obj=obligation,
                   changes={"active": [None, True], "reason_zh": [None, item.reason_zh]})  # fmt: skip
            added.append(key)
            continue
        changes: dict[str, list[Any]] = {}
        updates: dict[str, Any] = {
            "reason_zh": item.reason_zh,
            "law_version": item.law_version,
            "title_zh": item.title_zh,
            "pending_zh": item.pending_zh,
            "reason_en": item.reason_en,
            "pending_en": item.pending_en,
        }
        if not current.active:
            updates.update(active=True, deactivated_on=None, activated_on=today)
            if current.last_done_on is None or item.kind == Obligation.Kind.FOLLOW_UP:
                updates["due_on"] = item.due_on
            added.append(key)
        elif item.kind == Obligation.Kind.FOLLOW_UP and current.last_done_on is None:
            updates["due_on"] = item.due_on
        for name, value in updates.items():
            if getattr(current, name) != value:
                changes[name] = [getattr(current, name), value]
                setattr(current, name, value)
        if changes:
            current.save(update_fields=list(changes))
            action = "law.obligation_reactivated" if "active" in changes else "law.obligation_updated"
            record(actor=actor, action=action, obj=current, changes=changes)
    for key, current in existing.items():
        if key in wanted or not current.active:
            continue
        reason, reason_en = _removal_reason(current, assessment)
        changes = {"active": [True, False], "reason_zh": [current.reason_zh, reason]}
        if current.pending_zh:
            changes["pending_zh"] = [current.pending_zh, ""]
        current.active, current.reason_zh, current.deactivated_on = False, reason, today
        current.reason_en, current.pending_zh, current.pending_en = reason_en, "", ""
        current.save(
            update_fields=["active", "reason_zh", "reason_en", "deactivated_on", "pending_zh", "pending_en"]
        )
        record(actor=actor, action="law.obligation_retired", obj=current, changes=changes)
        removed.append(key)
    return SyncResult(added, removed)


def calendar_pending(*, on: dt.date | None = None) -> SyncResult:
    """What :func:`sync_calendar` would add and retire on ``on`` — a read, for the calendar page.

    Pages never sync (a GET writes nothing); the hourly ``law.send_reminders`` job, saving the law facts
    and :func:`refresh_calendar` do.
    """
    wanted = _wanted(selectors.assessment_for_company(on or timezone.localdate()))
    active = set(Obligation.objects.filter(active=True).values_list("key", flat=True))
    return SyncResult(sorted(set(wanted) - active), sorted(active - set(wanted)))


@transaction.atomic
def refresh_calendar(*, actor: Any) -> SyncResult:
    """Sync the calendar now, on request of someone who manages the law module."""
    require(actor, "law.manage")
    return sync_calendar(actor=actor)


def _may_complete(actor: Any, obligation: Obligation) -> None:
    if has_perm(actor, "law.manage"):
        return
    if obligation.owner_id is not None and obligation.owner_id == getattr(actor, "pk", None):
        require(actor, "law.view")
        return
    raise PermissionDenied(gettext("只有負責人或具法規管理權限者可登錄完成。"))


@transaction.atomic
def set_owner(*, actor: Any, obligation: Obligation, owner: Any | None) -> Obligation:
    require(actor, "law.manage")
    return update_record(actor=actor, instance=obligation, data={"owner": owner}, fields=["owner"])


@transaction.atomic
def complete(
    *, actor: Any, obligation: Obligation, done_on: dt.date, note: str = "",
    file: IO[bytes] | bytes | None = None, filename: str = "", evidence: Any | None = None,
) -> Completion:  # fmt: skip
    """Record a completion (with its evidence) and move the next due date (``next_due``)."""
    _may_complete(actor, obligation)
    today = timezone.localdate()
    check_dates({"done_on": ("完成日", done_on)})
    if done_on > today:
        raise ValidationError({"done_on": ["完成日不可晚於今天。"]})
    if not obligation.active:
        raise ValidationError(gettext("此項目目前不適用，無法登錄完成。"))
    if file is not None:
        from shouhu.evidence.services import store

        evidence = store(
            actor=actor, file=file, filename=filename or "evidence", context=f"law.obligation:{obligation.pk}",
            description=f"法遵行事曆：{obligation.title_zh}（{format_roc_date(done_on)}完成）",
        )  # fmt: skip
    completion = create_record(
        actor=actor, model=Completion,
        data={"obligation": obligation, "done_on": done_on, "note": note, "evidence": evidence,
              "recorded_by": actor if getattr(actor, "is_authenticated", False) else None},
        fields=["obligation", "done_on", "note", "evidence", "recorded_by"],
    )  # fmt: skip
    last = max(done_on, obligation.last_done_on) if obligation.last_done_on else done_on
    due = next_due(last, obligation.frequency) if obligation.frequency else None
    update_record(actor=actor, instance=obligation, data={"last_done_on": last, "due_on": due},
                  fields=["last_done_on", "due_on"])  # fmt: skip
    return completion


def completed_by(key: str) -> list[str]:
    """The calendar items that a record of kind ``key`` also completes (their ``completed_by`` in the law data)."""
    return [o.id for o in selectors.catalogue().recurring if key in o.completed_by and o.id != key]


def complete_from_record(
    *, actor: Any, key: str, done_on: dt.date, note: str | Message, source: str = ""
) -> Completion | None:
    """Record a completion that another module's own permitted action proves (e.g. a closed incident drill).

    ``key`` is a calendar item's key or a record kind; every item whose law data lists ``key`` in
    ``completed_by`` is completed too (a training held also completes the moda Art. 18 training measure).
    The caller has already checked its own permission; nothing happens for items not on the calendar.
    ``source`` names the proving record (``"drills.drill:12"``) so :func:`withdraw_from_record` can take the
    completions back when that record changes or goes.
    ``note`` is best a message (``core.messages``), so the calendar shows it in the reader's language.
    Returns the completion of the item ``key`` itself (None when it is not on the calendar or already later).
    """
    check_dates({"done_on": ("完成日", done_on)})
    said = note if isinstance(note, Message) else messages.Message("", {}, note)
    with transaction.atomic():
        completion = _complete_one(actor=actor, key=key, done_on=done_on, note=said, source=source)
        via = messages.compose(
            COMPLETED_VIA, source=key, note_key=said.key, note_facts=said.facts, note_text=said.text
        )
        for other in completed_by(key):
            _complete_one(actor=actor, key=other, done_on=done_on, note=via, source=source)
    return completion


@transaction.atomic
def withdraw_from_record(*, actor: Any, source: str) -> list[str]:
    """Take back every completion ``source`` made (its record was deleted or its date changed) and set each
    item's last completion and next due date again from the completions that remain.

    The caller has checked its own permission (it may change or delete the record). Each removed completion
    is audited with its values. Returns the keys of the items that changed.
    """
    if not source:
        return []
    rows = list(Completion.objects.select_related("obligation").filter(source=source))
    keys: list[str] = []
    for row in rows:
        obligation = Obligation.objects.select_for_update().get(pk=row.obligation_id)
        delete_record(
            actor=actor,
            instance=row,
            fields=["obligation", "done_on", "note", "message_key", "message_facts", "source"],
        )
        latest = obligation.completions.order_by("-done_on").values_list("done_on", flat=True).first()
        data: dict[str, Any] = {"last_done_on": latest}
        if obligation.frequency:
            data["due_on"] = next_due(latest, obligation.frequency) if latest else obligation.activated_on
        update_record(actor=actor, instance=obligation, data=data, fields=list(data))
        keys.append(obligation.key)
    return keys


def _source_title(key: str) -> str:
    """The calendar item or record kind ``key`` in the reader's words."""
    for o in selectors.catalogue().recurring:
        if o.id == key:
            return pick(o.title_zh, o.title_en)
    return gettext(RECORD_KINDS[key]) if key in RECORD_KINDS else key


# Record kinds that complete calendar items without being an item themselves (named in completion notes).
RECORD_KINDS = {
    "inventory-count": gettext_noop("個資盤點筆數計算"),
    "risk-assessment": gettext_noop("風險評估"),
    "corrective-action": gettext_noop("矯正措施結案"),
    "plan-approved": gettext_noop("安全維護計畫核定"),
}

# The note of an item completed because a record of another kind completed it: 「風險評估：…」.
COMPLETED_VIA = messages.define(
    "law.completed_via",
    gettext_noop("{source}：{note}"),
    lambda f: {
        "source": _source_title(f["source"]),
        "note": messages.render(f["note_key"], f["note_facts"], f["note_text"]),
    },
)


# The notes other modules write when their record completes a calendar item: ``note(kind, **facts)``.
NOTES = {
    kind: messages.define(f"law.note.{kind}", zh)
    for kind, zh in (
        ("training", gettext_noop("教育訓練「{title}」，出席 {present} 人")),
        ("risk", gettext_noop("風險評估")),
        ("risk_import", gettext_noop("匯入風險評估 {count} 項")),
        ("corrective_action", gettext_noop("矯正措施 CA-{pk} 結案")),
        ("plan_approved", gettext_noop("安全維護計畫第 {number} 版核定")),
        ("inventory_count", gettext_noop("個人資料檔案筆數計算（個資盤點）")),
        ("inventory_import", gettext_noop("匯入個人資料檔案 {count} 筆之筆數計算（個資盤點）")),
        ("processors_confirmed", gettext_noop("所有委託中之受託者均已於一年內完成確認")),
    )
}


def note(kind: str, **facts: Any) -> Message:
    """A completion note of ``kind`` (a key of ``NOTES``), stored with its facts so it reads in any language."""
    return messages.compose(NOTES[kind], **facts)


def _complete_one(
    *, actor: Any, key: str, done_on: dt.date, note: Message, source: str = ""
) -> Completion | None:
    obligation = Obligation.objects.select_for_update().filter(key=key, active=True).first()
    if obligation is None or (obligation.last_done_on and obligation.last_done_on >= done_on):
        return None
    completion = create_record(
        actor=actor, model=Completion,
        data={"obligation": obligation, "done_on": done_on, "note": note.text[:500], "source": source[:100],
              "message_key": note.key, "message_facts": note.facts,
              "recorded_by": actor if getattr(actor, "is_authenticated", False) else None},
        fields=["obligation", "done_on", "note", "message_key", "message_facts", "recorded_by", "source"],
    )  # fmt: skip
    due = next_due(done_on, obligation.frequency) if obligation.frequency else None
    update_record(actor=actor, instance=obligation, data={"last_done_on": done_on, "due_on": due},
                  fields=["last_done_on", "due_on"])  # fmt: skip
    return completion


# --- reminders ---------------------------------------------------------------------------------------


def _reminder_text(obligation: Obligation, kind: str, today: dt.date) -> tuple[str, str]:
    assert obligation.due_on is not None
    due = format_roc_date(obligation.due_on)
    if kind == Reminder.Kind.OVERDUE:
        days = (today - obligation.due_on).days
        subject = f"【守護】已逾期 {days} 日：{obligation.title_zh}"
        lead = f"下列法遵事項已於{due}到期，至今逾期 {days} 日，請儘速辦理並登錄完成與佐證。"
    else:
        days = (obligation.due_on - today).days
        subject = f"【守護】{days} 日後到期：{obligation.title_zh}"
        lead = f"下列法遵事項將於{due}到期（尚有 {days} 日），請安排辦理。"
    body = "\n".join([
        lead, "", f"項目：{obligation.title_zh}", f"到期日：{due}",
        f"最近完成：{format_roc_date(obligation.last_done_on) if obligation.last_done_on else '尚無紀錄'}",
        f"依據：{obligation.source_zh}", f"適用理由：{obligation.reason_zh}", "",
        f"請登入守護 → 規劃 → 法遵行事曆（/law/calendar/{obligation.pk}/）登錄完成。",
    ])  # fmt: skip
    return subject, body


def send_reminders(*, on: dt.date | None = None, days_before: int = 14, actor: Any = None) -> dict[str, int]:
    """E-mail each owner about obligations due within ``days_before`` days and those overdue.

    The one reminder mechanism: the ``law.send_reminders`` job and ``shouhu deadlines remind`` both call
    it. A reminder is sent once per obligation, due date and kind, so cron may run it as often as wished.
    """
    if days_before < 0:
        raise ValidationError(gettext("提前提醒天數不可為負數。"))
    today = on or timezone.localdate()
    try:
        sync_calendar(actor=actor, on=today)
    except (LawEngineError, ValidationError, ValueError, OverflowError) as error:
        # the stored obligations are still reminded; the sync runs again next time
        logger.warning(
            "law reminders: calendar sync failed (%s); reminding stored items", type(error).__name__
        )
    horizon = today + dt.timedelta(days=days_before)
    candidates = (
        Obligation.objects.filter(active=True, due_on__isnull=False, due_on__lte=horizon, owner__isnull=False)
        .exclude(owner__email="")
        .select_related("owner")
    )
    sent = skipped = invalid = failed = 0
    connection = get_connection()
    for obligation in candidates:
        assert obligation.due_on is not None
        assert obligation.owner is not None
        kind = Reminder.Kind.OVERDUE if obligation.due_on < today else Reminder.Kind.UPCOMING
        if Reminder.objects.filter(obligation=obligation, due_on=obligation.due_on, kind=kind).exists():
            skipped += 1
            continue
        # Each item on its own: a stored bad date or a refused message is counted, never blocks the rest.
        try:
            if not (is_sane(obligation.due_on) and is_sane(obligation.last_done_on)):
                raise RocDateError("date out of range")
            subject, body = _reminder_text(obligation, kind, today)
        except (RocDateError, ValueError, OverflowError):
            logger.warning(
                "law reminder for obligation %s skipped: a stored date is out of range", obligation.pk
            )
            invalid += 1
            continue
        message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [obligation.owner.email],
                               connection=connection)  # fmt: skip
        try:
            message.send()
        except (smtplib.SMTPException, OSError) as error:
            logger.warning("law reminder for obligation %s not sent: %s", obligation.pk, type(error).__name__)
            failed += 1
            continue
        with transaction.atomic():
            Reminder.objects.create(obligation=obligation, due_on=obligation.due_on, kind=kind,
                                    recipient=obligation.owner.email)  # fmt: skip
            record(actor=actor, action="law.reminder_sent", obj=obligation,
                   changes={"kind": [None, kind], "due_on": [None, obligation.due_on.isoformat()]})  # fmt: skip
        sent += 1
    return {"sent": sent, "skipped": skipped, "invalid": invalid, "failed": failed}


# --- iCalendar feed ----------------------------------------------------------------------------------


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def issue_feed_token(*, actor: Any, user: Any) -> str:
    """A new secret feed token for ``user`` (replacing any old one). Only its hash is stored."""
    require(actor, "law.view")
    if actor.pk != user.pk:
        require(actor, "law.manage")
    token = secrets.token_urlsafe(32)
    feed, created = FeedToken.objects.update_or_create(user=user, defaults={"token_hash": hash_token(token)})
    record(actor=actor, action="law.feed_token_issued" if created else "law.feed_token_rotated", obj=feed,
           changes={"token_hash": ["***", "***"]})  # fmt: skip
    return token


@transaction.atomic
def revoke_feed_token(*, actor: Any, user: Any) -> None:
    require(actor, "law.view")
    if actor.pk != user.pk:
        require(actor, "law.manage")
    for feed in FeedToken.objects.filter(user=user):
        record(actor=actor, action="law.feed_token_revoked", obj=feed)
        feed.delete()
