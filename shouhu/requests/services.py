"""Writes for data-subject requests. Every legal deadline comes from the law engine (shouhu.law.services)."""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shouhu.accounts.permissions import require
from shouhu.audit.services import created, record
from shouhu.core.messages import compose
from shouhu.core.validation import check_instance
from shouhu.engines.law.inputs import EventFacts, EventKind, RequestFacts, RequestKind
from shouhu.evidence import names
from shouhu.evidence.models import Evidence
from shouhu.evidence.services import store
from shouhu.requests import letters
from shouhu.requests.models import (
    CORRECTION_KINDS,
    FEE_KINDS,
    GROUND_KINDS,
    TRANSITIONS,
    ClientForward,
    ClientInstruction,
    Kind,
    RecipientNotice,
    RefusalGround,
    State,
    SubjectRequest,
    Suppression,
)
from shouhu.requests.suppression import suppression_key

logger = logging.getLogger(__name__)

# Fields written when a case is opened (the audit row names them; contact values are masked there).
OPEN_FIELDS = (
    "kind",
    "received_at",
    "channel",
    "requester_name",
    "by_agent",
    "data_concerned",
    "details",
    "client",
    "owner",
    "explanation",
    "due_at",
    "max_extended_due_at",
    "rule_id",
)
CONTACT_FIELDS = ("requester_email", "requester_phone", "requester_address")
FUTURE_TOLERANCE = dt.timedelta(minutes=5)


def _engine_notes(report: Any, deadline: Any | None) -> list[str]:
    notes = [w.message_zh for w in report.warnings]
    if deadline is not None and deadline.pending:
        notes.append(deadline.pending_zh)
    if deadline is not None and deadline.conservative_reading:
        notes.append(f"保守解讀：{deadline.explanation_zh}")
    return notes


def _engine_notes_en(report: Any, deadline: Any | None) -> list[str]:
    """``_engine_notes`` in English, note for note (English pages show these)."""
    from shouhu.engines.law.pending import labels_en

    notes = [w.message_en for w in report.warnings]
    if deadline is not None and deadline.pending:
        notes.append(f"To be decided: {labels_en(deadline.pending)}")
    if deadline is not None and deadline.conservative_reading:
        notes.append(f"Conservative reading: {deadline.explanation_en}")
    return notes


def apply_deadline(request: SubjectRequest) -> None:
    """Ask the law engine for the decision deadline of ``request`` and copy it onto the case."""
    from shouhu.law import selectors as law_selectors
    from shouhu.law import services as law

    party_id = law_selectors.client_party_id(request.client) if request.client else "self"
    facts = RequestFacts(kind=RequestKind(request.kind), received_at=request.received_at, party_id=party_id)
    report = law.compute_request_report(request=facts, client=request.client)
    deadline = report.deadlines[0] if report.deadlines else None
    request.engine_notes = _engine_notes(report, deadline)
    request.engine_notes_en = _engine_notes_en(report, deadline)
    if deadline is None:
        request.rule_id = request.deadline_title_zh = request.legal_basis_zh = request.explanation_zh = ""
        request.explanation_en = ""
        request.due_at = request.max_extended_due_at = None
        request.engine_notes.append("法規引擎未產生期限：請人工確認處理期限。")
        request.engine_notes_en.append("The law engine computed no deadline: check the time limit yourself.")
        return
    request.rule_id = deadline.rule_id
    request.deadline_title_zh = deadline.title_zh[:300]
    request.legal_basis_zh = deadline.legal_basis_zh[:300]
    request.explanation_zh = deadline.explanation_zh
    request.explanation_en = deadline.explanation_en
    request.law_version = deadline.law_version[:40]
    request.due_at = deadline.due_at
    request.max_extended_due_at = deadline.extended_due_at


def _suppress(request: SubjectRequest, now: dt.datetime) -> list[Suppression]:
    made: list[Suppression] = []
    pairs = [
        (Suppression.Kind.EMAIL, request.requester_email),
        (Suppression.Kind.PHONE, request.requester_phone),
    ]
    for kind, raw in pairs:
        if not raw.strip():
            continue
        value, digest = suppression_key(kind, raw, request.client_id)
        entry, new = Suppression.objects.get_or_create(
            digest=digest,
            defaults={
                "kind": kind,
                "value": value,
                "client": request.client,
                "request": request,
                "effective_at": now,
            },
        )
        if new:
            made.append(entry)
    return made


@transaction.atomic
def open_request(
    *,
    actor: Any,
    kind: str,
    received_at: dt.datetime,
    channel: str,
    requester_name: str,
    requester_email: str = "",
    requester_phone: str = "",
    requester_address: str = "",
    by_agent: bool = False,
    data_concerned: str = "",
    details: str = "",
    explanation: str = "",
    client: Any = None,
    owner: Any = None,
    check_perm: bool = True,
) -> SubjectRequest:
    """Open a case; its deadline comes from the law engine. A marketing refusal takes effect at once:
    its e-mail and phone go on the suppression list and the case is closed as granted."""
    if check_perm:
        require(actor, "requests.manage")
    now = timezone.now()
    request = SubjectRequest(
        kind=kind,
        received_at=received_at,
        channel=channel,
        requester_name=requester_name.strip(),
        requester_email=requester_email.strip(),
        requester_phone=requester_phone.strip(),
        requester_address=requester_address.strip(),
        by_agent=by_agent,
        data_concerned=data_concerned.strip(),
        details=details.strip(),
        explanation=explanation.strip(),
        client=client,
        owner=owner,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    check_instance(request, ["received_at"], past=["received_at"])
    request.full_clean(exclude=["due_at", "max_extended_due_at"])
    if isinstance(request.received_at, dt.datetime) and request.received_at > now + FUTURE_TOLERANCE:
        raise ValidationError({"received_at": _("收受時間不可晚於現在")})
    if kind == Kind.MARKETING and not (request.requester_email or request.requester_phone):
        raise ValidationError({"requester_email": _("拒絕行銷須提供要停止行銷之電子郵件或電話")})
    if not (request.requester_email or request.requester_phone or request.requester_address):
        raise ValidationError({"requester_email": _("請至少填寫一種回覆請求人之聯絡方式")})
    apply_deadline(request)
    request.save()
    changes = created(request, OPEN_FIELDS)
    changes.update({name: [None, "***"] for name in CONTACT_FIELDS if getattr(request, name)})
    record(actor=actor, action="requests.opened", obj=request, changes=changes)
    if kind == Kind.MARKETING:
        entries = _suppress(request, now)
        request.state, request.decided_at = State.GRANTED, now
        request.decided_by = request.created_by
        request.decision_note = "依個資法第20條第2項，於收受時立即停止行銷並列入行銷退出名單。"
        request.save(update_fields=["state", "decided_at", "decided_by", "decision_note", "updated_at"])
        record(
            actor=actor,
            action="requests.marketing_suppressed",
            obj=request,
            changes={"state": [State.OPEN, State.GRANTED], "suppressions": [None, [e.pk for e in entries]]},
        )
    return request


def _lock(request: SubjectRequest) -> SubjectRequest:
    return SubjectRequest.objects.select_for_update().get(pk=request.pk)


def _move(request: SubjectRequest, to: str) -> None:
    if to not in TRANSITIONS.get(request.state, frozenset()):
        raise ValidationError(
            _("案件目前為「{state}」，不可改為「{to}」").format(
                state=request.get_state_display(), to=State(to).label
            )
        )


@transaction.atomic
def verify_identity(
    *, actor: Any, request: SubjectRequest, method: str, note: str, verified_at: dt.datetime | None = None
) -> SubjectRequest:
    require(actor, "requests.manage")
    request = _lock(request)
    if request.closed:
        raise ValidationError(_("案件已結案，不可再修改身分驗證紀錄"))
    if not note.strip():
        raise ValidationError({"identity_note": _("請記錄驗證所依據之文件或方式（勿記錄完整證號）")})
    old = [request.identity_method, request.identity_verified_at]
    request.identity_method = method
    request.identity_note = note.strip()
    request.identity_verified_at = verified_at or timezone.now()
    request.identity_verified_by = actor
    check_instance(request, ["identity_verified_at"], past=["identity_verified_at"])
    request.full_clean()
    request.save(
        update_fields=[
            "identity_method",
            "identity_note",
            "identity_verified_at",
            "identity_verified_by",
            "updated_at",
        ]
    )
    record(
        actor=actor,
        action="requests.identity_verified",
        obj=request,
        changes={
            "identity_method": [old[0], method],
            "identity_verified_at": [old[1], request.identity_verified_at],
        },
    )
    return request


def _store_letter(
    actor: Any, request: SubjectRequest, content: bytes, name: str, what: str, letter: str
) -> Evidence:
    """A letter of the request (to the requester, or forwarding it to the client): an official document, its
    zh-TW name kept and labelled on English pages (``evidence.names.REQUEST_LETTER``; ``letter`` is its code)."""
    return store(
        actor=actor,
        file=content,
        filename=f"{request.number}_{name}.docx",
        named=compose(names.REQUEST_LETTER, number=request.number, letter=letter),
        description=f"{request.number} {what}",
        context=f"subject_requests.subjectrequest:{request.pk}",
        locked=True,
        check_perm=False,
    )


def _own_case(request: SubjectRequest) -> None:
    """A processor's case: whether to extend its deadline is for the client to decide."""
    if request.client_id:
        raise ValidationError(
            _(
                "本案為受託處理委託者「{client}」之資料，延長應由委託者決定並答覆當事人；請轉交委託者並記錄其指示。"
            ).format(client=request.client)
        )


@transaction.atomic
def extend(*, actor: Any, request: SubjectRequest, reason: str) -> Evidence:
    """Extend the decision period once (Art. 13), with the reason; returns the written notice (DOCX)."""
    require(actor, "requests.manage")
    request = _lock(request)
    _own_case(request)
    if request.closed:
        raise ValidationError(_("案件已結案，不可延長"))
    if request.extended_at:
        raise ValidationError(_("處理期限僅得延長一次，本案已延長"))
    if request.max_extended_due_at is None or request.due_at is None:
        raise ValidationError(_("依法規引擎，本類請求無可延長之期限"))
    if not reason.strip():
        raise ValidationError({"extension_reason": _("延長須以書面載明理由")})
    now = timezone.now()
    if now > request.due_at:
        raise ValidationError(_("原處理期限已屆滿，不可再延長"))
    request.extended_at = now
    request.extension_reason = reason.strip()
    notice = _store_letter(
        actor, request, letters.extension_notice(request), "延長處理期限通知書", "延長通知", "extension"
    )
    request.extension_notice = notice
    request.save(update_fields=["extended_at", "extension_reason", "extension_notice", "updated_at"])
    record(
        actor=actor,
        action="requests.extended",
        obj=request,
        changes={
            "extended_at": [None, now],
            "extension_reason": [None, request.extension_reason],
            "due_at": [request.due_at, request.max_extended_due_at],
            "extension_notice": [None, notice.pk],
        },
    )
    return notice


@transaction.atomic
def refuse(*, actor: Any, request: SubjectRequest, ground: str, reason: str = "") -> SubjectRequest:
    """Refuse with a statutory ground valid for the request type. For our own cases the refusal letter
    (DOCX) is produced; for a client's case the refusal records the client's instruction."""
    require(actor, "requests.manage")
    request = _lock(request)
    _move(request, State.REFUSED)
    if ground not in RefusalGround.values:
        raise ValidationError({"refusal_ground": _("請選擇拒絕之法定事由")})
    if request.kind not in GROUND_KINDS[ground]:
        raise ValidationError(
            {
                "refusal_ground": _("「{ground}」不適用於{kind}之請求").format(
                    ground=RefusalGround(ground).label, kind=request.get_kind_display()
                )
            }
        )
    if request.client_id and not request.instructions.exists():
        raise ValidationError(_("受託處理之案件，須先記錄委託者之指示，方可依指示結案"))
    old_state = request.state
    request.state = State.REFUSED
    request.refusal_ground = ground
    request.refusal_reason = reason.strip()
    request.decided_at, request.decided_by = timezone.now(), actor
    fields = ["state", "refusal_ground", "refusal_reason", "decided_at", "decided_by", "updated_at"]
    if not request.client_id:
        request.refusal_letter = _store_letter(
            actor, request, letters.refusal_letter(request), "處理結果通知書", "拒絕通知", "refusal"
        )
        fields.append("refusal_letter")
    request.save(update_fields=fields)
    record(
        actor=actor,
        action="requests.refused",
        obj=request,
        changes={
            "state": [old_state, State.REFUSED],
            "refusal_ground": [None, ground],
            "refusal_letter": [None, request.refusal_letter_id],
        },
    )
    return request


@transaction.atomic
def grant(*, actor: Any, request: SubjectRequest, note: str = "", recipients: str = "") -> SubjectRequest:
    """Record that the request was granted and carried out. A correction or supplement starts the
    Art. 11 V task of notifying those who received the wrong data (its deadline from the law engine)."""
    require(actor, "requests.manage")
    request = _lock(request)
    _move(request, State.GRANTED)
    if request.client_id and not request.instructions.exists():
        raise ValidationError(_("受託處理之案件，須先記錄委託者之指示，方可依指示結案"))
    if not request.identity_verified_at and not request.client_id:
        raise ValidationError(_("准予前須先記錄請求人之身分驗證"))
    old_state = request.state
    now = timezone.now()
    request.state, request.decision_note = State.GRANTED, note.strip()
    request.decided_at, request.decided_by = now, actor
    request.save(update_fields=["state", "decision_note", "decided_at", "decided_by", "updated_at"])
    record(actor=actor, action="requests.granted", obj=request, changes={"state": [old_state, State.GRANTED]})
    if request.kind in CORRECTION_KINDS:
        _recipient_notice(actor, request, now, recipients)
    return request


def _recipient_notice(
    actor: Any, request: SubjectRequest, at: dt.datetime, recipients: str
) -> RecipientNotice:
    from shouhu.law import selectors as law_selectors
    from shouhu.law import services as law

    client = request.client
    party_id = law_selectors.client_party_id(client) if client else "self"
    event = EventFacts(kind=EventKind.DATA_CORRECTED, at=at, party_id=party_id)
    report = law.compute_event_report(event=event, clients=[client] if client else [])
    deadline = report.deadlines[0] if report.deadlines else None
    notice = RecipientNotice.objects.create(
        request=request,
        corrected_at=at,
        recipients=recipients.strip(),
        due_at=deadline.due_at if deadline else None,
        legal_basis_zh=(deadline.legal_basis_zh if deadline else "個人資料保護法第11條第5項")[:300],
        engine_notes=_engine_notes(report, deadline),
        rule_id=deadline.rule_id if deadline else "",
        law_version=(deadline.law_version if deadline else "")[:40],
        engine_notes_en=_engine_notes_en(report, deadline),
    )
    record(
        actor=actor,
        action="requests.recipient_notice_opened",
        obj=request,
        changes={"recipient_notice": [None, notice.pk], "due_at": [None, notice.due_at]},
    )
    return notice


@transaction.atomic
def complete_recipient_notice(
    *, actor: Any, notice: RecipientNotice, note: str, recipients: str = ""
) -> RecipientNotice:
    require(actor, "requests.manage")
    notice = RecipientNotice.objects.select_for_update().get(pk=notice.pk)
    if notice.done_at:
        raise ValidationError(_("此通知工作已完成"))
    if not note.strip():
        raise ValidationError({"done_note": _("請記錄通知之對象、方式及時間")})
    notice.done_at, notice.done_by, notice.done_note = timezone.now(), actor, note.strip()
    if recipients.strip():
        notice.recipients = recipients.strip()
    notice.save(update_fields=["done_at", "done_by", "done_note", "recipients"])
    record(
        actor=actor,
        action="requests.recipient_notice_done",
        obj=notice.request,
        changes={"recipient_notice": [notice.pk, notice.pk], "done_at": [None, notice.done_at]},
    )
    return notice


@transaction.atomic
def withdraw(*, actor: Any, request: SubjectRequest, note: str) -> SubjectRequest:
    require(actor, "requests.manage")
    request = _lock(request)
    _move(request, State.WITHDRAWN)
    if not note.strip():
        raise ValidationError({"decision_note": _("請記錄撤回之方式及時間")})
    old_state = request.state
    request.state, request.decision_note = State.WITHDRAWN, note.strip()
    request.decided_at, request.decided_by = timezone.now(), actor
    request.save(update_fields=["state", "decision_note", "decided_at", "decided_by", "updated_at"])
    record(
        actor=actor, action="requests.withdrawn", obj=request, changes={"state": [old_state, State.WITHDRAWN]}
    )
    return request


@transaction.atomic
def record_fee(*, actor: Any, request: SubjectRequest, amount: int | None, note: str = "") -> SubjectRequest:
    """Art. 14: a necessary cost fee may be charged only for a query, reading or copy."""
    require(actor, "requests.manage")
    request = _lock(request)
    if request.kind not in FEE_KINDS:
        raise ValidationError({"fee_amount": _("依個資法第14條，僅查詢、閱覽或製給複製本得酌收必要成本費用")})
    if amount is not None and amount < 0:
        raise ValidationError({"fee_amount": _("費用不可為負數")})
    old = [request.fee_amount, request.fee_note]
    request.fee_amount, request.fee_note = amount, note.strip()[:300]
    request.save(update_fields=["fee_amount", "fee_note", "updated_at"])
    record(
        actor=actor,
        action="requests.fee_recorded",
        obj=request,
        changes={"fee_amount": [old[0], amount], "fee_note": [old[1], request.fee_note]},
    )
    return request


@transaction.atomic
def record_explanation(*, actor: Any, request: SubjectRequest, text: str) -> SubjectRequest:
    """The requester's 釋明 (Enforcement Rules Art. 19) for a correction or supplement."""
    require(actor, "requests.manage")
    request = _lock(request)
    if request.closed:
        raise ValidationError(_("案件已結案，不可修改"))
    old = request.explanation
    request.explanation = text.strip()
    request.save(update_fields=["explanation", "updated_at"])
    record(
        actor=actor,
        action="requests.explanation_recorded",
        obj=request,
        changes={"explanation": [old, request.explanation]},
    )
    return request


def client_recipients(client: Any) -> list[str]:
    return [c.email for c in client.contacts.all() if c.email]


@transaction.atomic
def forward_to_client(*, actor: Any, request: SubjectRequest, method: str) -> ClientForward:
    """Hand the case to the client that controls the data: by e-mail to its contacts, or as a document
    to download. The DOCX is kept in the evidence store either way."""
    require(actor, "requests.manage")
    request = _lock(request)
    if not request.client_id:
        raise ValidationError(_("本案未指定委託者，無須轉交"))
    if method not in ClientForward.Method.values:
        raise ValidationError({"method": _("轉交方式不正確")})
    if request.state not in {State.OPEN, State.FORWARDED} and request.kind != Kind.MARKETING:
        raise ValidationError(_("案件已結案，不可轉交"))
    content = letters.forward_document(request)
    to = client_recipients(request.client) if method == ClientForward.Method.EMAIL else []
    if method == ClientForward.Method.EMAIL and not to:
        raise ValidationError(
            {
                "method": _("委託者「{client}」未登錄電子郵件聯絡人，請改用下載方式").format(
                    client=request.client
                )
            }
        )
    document = _store_letter(actor, request, content, "轉交委託者通知", "轉交委託者", "forward")
    forward = ClientForward.objects.create(
        request=request,
        method=method,
        recipients=", ".join(to)[:500],
        document=document,
        sent_at=timezone.now(),
        sent_by=actor,
    )
    if request.state == State.OPEN:
        request.state = State.FORWARDED
        request.save(update_fields=["state", "updated_at"])
    record(
        actor=actor,
        action="requests.forwarded",
        obj=request,
        changes={"method": [None, method], "recipients": [None, len(to)], "document": [None, document.pk]},
    )
    if to:
        message = EmailMessage(
            subject=f"[{letters.company_name()}] 當事人請求轉交（{request.number}）",
            body=letters.forward_text(request),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=to,
        )
        message.attach(
            document.original_name,
            content,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
        try:
            message.send(fail_silently=False)
        except (smtplib.SMTPException, OSError) as exc:
            logger.warning("request %s forward not sent: %s", request.pk, type(exc).__name__)
            raise ValidationError(_("郵件寄送失敗，請稍後再試或改用下載方式")) from exc
    return forward


@transaction.atomic
def log_instruction(
    *, actor: Any, request: SubjectRequest, text: str, received_at: dt.datetime | None = None
) -> ClientInstruction:
    require(actor, "requests.manage")
    request = _lock(request)
    if not request.client_id:
        raise ValidationError(_("本案未指定委託者"))
    if not text.strip():
        raise ValidationError({"text": _("請填寫委託者之指示內容")})
    instruction = ClientInstruction(
        request=request, received_at=received_at or timezone.now(), text=text.strip(), recorded_by=actor
    )
    check_instance(instruction, ["received_at"], past=["received_at"])
    instruction.full_clean()
    instruction.save()
    record(
        actor=actor,
        action="requests.instruction_logged",
        obj=request,
        changes=created(instruction, ["received_at", "text"]),
    )
    return instruction


@transaction.atomic
def locate_data(*, actor: Any, request: SubjectRequest, identifiers: list[str]) -> SubjectRequest:
    """Find the files and tables where the latest scans saw the person's identifiers (ID number, phone,
    e-mail), through the scans' keyed digests. Only the locations are kept; the identifiers are not."""
    from shouhu.scans import selectors as scans

    require(actor, "requests.manage")
    request = _lock(request)
    digests: dict[str, str] = {}
    unrecognised = 0
    for identifier in identifiers:
        found = scans.identifier_digests(identifier) if identifier.strip() else {}
        if identifier.strip() and not found:
            unrecognised += 1
        digests.update(found)
    if not digests:
        raise ValidationError({"identifiers": _("無法辨識輸入之身分證字號、電話或電子郵件，請確認格式")})
    rows = scans.locate(digests, actor=actor)  # a department officer searches only the sources they read
    request.located_departments = scans.locate_scope(actor)
    request.located = [
        {
            "source": r.source,
            "location": r.location,
            "sheet": r.sheet,
            "column": r.column,
            "category": r.label,
            "scanned_at": r.finished_at.isoformat() if r.finished_at else None,
        }
        for r in rows
    ]
    request.located_at = timezone.now()
    request.save(update_fields=["located", "located_at", "located_departments", "updated_at"])
    record(
        actor=actor,
        action="requests.data_located",
        obj=request,
        changes={
            "categories": [None, sorted(digests)],
            "locations": [None, len(rows)],
            "unrecognised": [None, unrecognised],
            "departments_searched": [None, request.located_departments],
        },
    )
    return request
