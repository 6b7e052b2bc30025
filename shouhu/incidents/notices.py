"""Client notification e-mails (圖 18) and notices to data subjects, both drafted from the incident's facts."""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from shouhu.accounts.permissions import require
from shouhu.audit.services import record
from shouhu.core import messages
from shouhu.core.official import in_official_language
from shouhu.evidence import names
from shouhu.evidence.services import store
from shouhu.incidents import checker, readiness, services
from shouhu.incidents import timeline_text as tl
from shouhu.incidents.models import (
    Channel,
    ClientNotice,
    EvidenceCategory,
    Incident,
    IncidentEvidence,
    Kind,
    NoticeStatus,
    SubjectNotice,
)
from shouhu.incidents.reports import plain_citation, roc_time

logger = logging.getLogger(__name__)


def _company_name() -> str:
    from shouhu.organization.selectors import company

    profile = company()
    return profile.name if profile else "本公司"


def client_recipients(client: Any) -> list[str]:
    contacts = [c for c in client.contacts.all() if c.email]
    security = [c.email for c in contacts if c.is_security_contact]
    return security or [c.email for c in contacts]


@in_official_language
def draft_body(incident: Incident, client: Any) -> str:
    """A first draft following 圖 18 of the guideline; the officer edits it before sending."""
    occurred = roc_time(incident.occurred_at) if incident.occurred_at else "（時間仍在調查中）"
    kinds = [k for k in incident.kinds if k != Kind.THEFT or Kind.LEAK not in incident.kinds]
    what = _what(kinds, incident.data_items.strip())
    own_deadlines = incident.deadlines.filter(
        active=True, party_id=f"client-{client.pk}", met_at__isnull=True
    )
    lines = [
        f"{client.name} 您好：",
        "",
        "本公司非常注重您的權益，也非常注重系統資安。很遺憾通知您，"
        f"本公司所提供之系統於{occurred}發生個資事故：貴公司委託本公司處理之{what}。"
        f"本公司於{roc_time(incident.aware_at or incident.discovered_at)}知悉後，立即採取以下措施：",
        "",
        f"1. 已採取之措施：{incident.measures_taken.strip()}",
        f"2. 事件成因（目前掌握）：{incident.summary.strip()}",
    ]
    if incident.measures_planned.strip():
        lines.append(f"3. 本公司將進行以下系統修補：{incident.measures_planned.strip()}")
    lines.append(
        "4. 本公司"
        + ("已向主管機關通報。" if incident.authority_reported_at else "將依法於期限內通報主管機關。")
    )
    lines.append(
        "5. 請 貴公司立即更新系統、更改密碼、進行惡意程式偵測、弱點掃描及掃毒，並提醒消費者防範詐騙與盜刷。"
        "依個資法第12條，通知消費者之內容須包含個資被侵害之事實、已採取之因應措施及查詢專線；"
        "貴公司為蒐集該等個資之業者，通知應以 貴公司名義發出，如需本公司協助擬稿或寄送，請不吝告知。"
    )
    if incident.affected_systems.strip():
        lines += ["", f"受影響之系統：{incident.affected_systems.strip()}"]
    if own_deadlines:
        lines += ["", "依守護法規引擎，貴公司可能適用之期限（請依 貴公司主管機關規定確認）："]
        lines += [
            f"- {d.title_zh}：{roc_time(d.due_at)}（{plain_citation(d.legal_basis_zh)}）"
            for d in own_deadlines
        ]
    lines += [
        "",
        "本公司將盡所能協助調查事故，並持續修補系統以建立更完善之資安防護。本公司再次向您致歉。",
        "",
        _company_name(),
    ]
    return "\n".join(lines)


@in_official_language
def _subject(incident: Incident) -> str:
    prefix = "【演練】" if incident.is_drill else ""
    return f"{prefix}{_company_name()}個資事故通知"


def draft_client_notice(*, actor: Any, incident: Incident, client: Any) -> ClientNotice:
    """The saved notice for one affected client, or an unsaved draft built from the incident (no write:
    a GET shows this; saving goes through ``prepare_client_notice``)."""
    require(actor, "incidents.manage")
    if not incident.affected_clients.filter(pk=client.pk).exists():
        raise ValidationError(_("此委託者不在本事件受影響之委託者中"))
    existing = ClientNotice.objects.filter(incident=incident, client=client).first()
    if existing:
        return existing
    missing = readiness.client_notice(incident, client)
    if missing:
        raise ValidationError("尚缺下列資料，無法產生客戶通知：" + "、".join(missing))
    return ClientNotice(
        incident=incident,
        client=client,
        to=", ".join(client_recipients(client)),
        subject=_subject(incident),
        body=draft_body(incident, client),
    )


@transaction.atomic
def prepare_client_notice(*, actor: Any, incident: Incident, client: Any) -> ClientNotice:
    """Create the draft for one affected client (or return the existing one untouched)."""
    notice = draft_client_notice(actor=actor, incident=incident, client=client)
    if notice.pk:
        return notice
    notice.save()
    record(
        actor=actor,
        action="incidents.client_notice_drafted",
        obj=incident,
        changes={"client_notice": [None, notice.pk], "client": [None, client.pk]},
    )
    return notice


def _addresses(text: str, field: str, *, required: bool) -> list[str]:
    from django.core.validators import validate_email

    out = [a.strip() for a in text.replace(";", ",").split(",") if a.strip()]
    if required and not out:
        raise ValidationError({field: [_("請填寫收件者電子郵件")]})
    for address in out:
        try:
            validate_email(address)
        except ValidationError:
            raise ValidationError(
                {field: [_("電子郵件格式錯誤：{address}").format(address=address)]}
            ) from None
    return out


@transaction.atomic
def save_client_notice(*, actor: Any, notice: ClientNotice, data: dict[str, str]) -> ClientNotice:
    require(actor, "incidents.manage")
    if notice.status == NoticeStatus.SENT:
        raise ValidationError(_("已寄出之通知不可修改"))
    _addresses(data.get("to", ""), "to", required=True)
    _addresses(data.get("cc", ""), "cc", required=False)
    if not data.get("subject", "").strip() or not data.get("body", "").strip():
        raise ValidationError(_("主旨與內容不可空白"))
    old = {"to": notice.to, "cc": notice.cc, "subject": notice.subject}
    notice.to, notice.cc = data["to"].strip(), data.get("cc", "").strip()
    notice.subject, notice.body = data["subject"].strip(), data["body"]
    notice.save(update_fields=["to", "cc", "subject", "body", "updated_at"])
    changes = {k: [v, getattr(notice, k)] for k, v in old.items() if v != getattr(notice, k)}
    changes["body"] = ["…", "…"]  # the text may name people; the audit row records that it changed, not what
    record(actor=actor, action="incidents.client_notice_saved", obj=incident_of(notice), changes=changes)
    return notice


def incident_of(notice: ClientNotice) -> Incident:
    return notice.incident


def email_message(notice: ClientNotice) -> EmailMessage:
    cc = _addresses(notice.cc, "cc", required=False)
    return EmailMessage(
        subject=notice.subject,
        body=notice.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=_addresses(notice.to, "to", required=True),
        cc=cc,
        headers={"X-Shouhu-Incident": str(notice.incident_id)},
    )


def eml_bytes(*, actor: Any, notice: ClientNotice) -> bytes:
    """The notice as an .eml file, for sending from the officer's own mail program."""
    require(actor, "incidents.manage")
    record(
        actor=actor,
        action="incidents.client_notice_exported",
        obj=notice.incident,
        changes={"client_notice": [notice.pk, notice.pk]},
    )
    return email_message(notice).message().as_bytes()


def _client_notice_name(client: str, incident: Incident) -> dict[str, Any]:
    """The sent e-mail's file name: an official record (zh-TW, labelled on English pages); a drill's is an
    internal file named in the reader's language (``evidence.names``)."""
    if incident.is_drill:
        named = messages.compose(names.DRILL_CLIENT_NOTICE, client=client, incident=incident.pk)
        return {"filename": named.text, "named": named}
    return {
        "filename": f"客戶通知_{client}_第{incident.pk}號事件.eml",
        "named": messages.compose(names.CLIENT_NOTICE, client=client, incident=incident.pk),
    }


def _subject_notice_name(notice: SubjectNotice, incident: Incident) -> dict[str, Any]:
    """The notice's file name: official (zh-TW, labelled on English pages) unless a drill's (``evidence.names``)."""
    facts = {"channel": notice.channel, "incident": incident.pk, "notice": notice.pk}
    if incident.is_drill:
        named = messages.compose(names.DRILL_SUBJECT_NOTICE, **facts)
        return {"filename": named.text, "named": named}
    with translation.override(settings.LANGUAGE_CODE):
        channel = notice.get_channel_display()
    return {
        "filename": f"當事人通知_{channel}_第{incident.pk}號事件_{notice.pk}.txt",
        "named": messages.compose(names.SUBJECT_NOTICE, **facts),
    }


def send_client_notice(*, actor: Any, notice: ClientNotice) -> ClientNotice:
    """Send through SMTP. On failure the draft stays, the error is shown, and sending can be retried."""
    require(actor, "incidents.manage")
    if notice.status == NoticeStatus.SENT:
        raise ValidationError(_("此通知已寄出"))
    message = email_message(notice)
    notice.attempts += 1
    try:
        get_connection(fail_silently=False).send_messages([message])
    except (smtplib.SMTPException, OSError) as exc:
        notice.status, notice.last_error = NoticeStatus.FAILED, f"{type(exc).__name__}: {exc}"[:500]
        notice.save(update_fields=["status", "last_error", "attempts", "updated_at"])
        logger.warning("client notice %s: SMTP failure (%s)", notice.pk, type(exc).__name__)
        record(
            actor=actor,
            action="incidents.client_notice_failed",
            obj=notice.incident,
            changes={"client_notice": [notice.pk, notice.pk], "error": [None, type(exc).__name__]},
        )
        return notice
    with transaction.atomic():
        now = timezone.now()
        incident = notice.incident
        evidence = store(
            actor=actor,
            file=message.message().as_bytes(),
            check_perm=False,
            locked=True,
            **_client_notice_name(notice.client.name, incident),
            description=f"寄送予 {notice.client.name} 之事故通知信",
            context=f"incidents.incident:{incident.pk}",
        )
        IncidentEvidence.objects.create(
            incident=incident, evidence=evidence, category=EvidenceCategory.NOTICE_PROOF, added_by=actor
        )
        notice.status, notice.sent_at, notice.evidence, notice.last_error = (
            NoticeStatus.SENT,
            now,
            evidence,
            "",
        )
        notice.save(update_fields=["status", "sent_at", "evidence", "last_error", "attempts", "updated_at"])
        record(
            actor=actor,
            action="incidents.client_notice_sent",
            obj=incident,
            changes={
                "client_notice": [notice.pk, notice.pk],
                "sent_at": [None, now.isoformat()],
                "evidence": [None, evidence.pk],
            },
        )
        services._timeline(incident, actor, messages.compose(tl.CLIENT_NOTIFIED, client=notice.client.name))
        for row in incident.deadlines.filter(
            active=True,
            met_at__isnull=True,
            party_id=f"client-{notice.client_id}",
            recipient_zh__contains="委託",
        ):
            services.mark_deadline_met(
                actor=actor,
                deadline=row,
                met_at=now,
                document=f"客戶通知信（{evidence.original_name}）",
                evidence=evidence,
            )
    return notice


def notifying_party(incident: Incident, client: Any | None) -> str:
    """Who signs a notice to data subjects: the client whose data we process (PDPA Art. 4: a processor's
    acts count as the client's, so the client notifies), else our own company."""
    return client.name if client is not None else _company_name()


def default_client(incident: Incident) -> Any | None:
    """The client a new notice is drafted for: the only affected client, else none (our own data)."""
    clients = list(incident.affected_clients.all()[:2])
    return clients[0] if len(clients) == 1 else None


def _what(kinds: Iterable[str], data_items: str) -> str:
    """「姓名、電話等個人資料外洩」 from the recorded kinds and data items; unknowns said as unknown."""
    phrases = "、".join(checker.KIND_PHRASES[k][0] for k in kinds if k in checker.KIND_PHRASES)
    items = f"{data_items}等個人資料" if data_items else "個人資料（項目尚在調查）"
    return f"{items}{phrases or '遭侵害（種類尚在調查）'}"


@in_official_language
def compose(
    *,
    incident: Incident,
    channel: str,
    signer: str,
    kinds: Iterable[str],
    data_items: str,
    measures: str,
    hotline: str,
) -> tuple[str, str]:
    """(subject, body) of a notice built from its facts; every required element appears verbatim."""
    what = _what(kinds, data_items.strip())
    measures = measures.strip() or "（請填寫已採取之因應措施）"
    hotline = hotline.strip() or "（請填寫查詢專線）"
    found = timezone.localtime(incident.discovered_at)
    if channel == Channel.SMS:
        body = (
            f"【{signer}】通知：我們於{found.month}/{found.day}發現，您的{what}。"
            f"我們已採取之措施：{measures}。請提防詐騙。查詢專線：{hotline}"
        )
        return "", body
    subject = f"{'【演練】' if incident.is_drill else ''}{signer}個人資料事故通知"
    body = (
        f"親愛的用戶您好：\n\n{signer}於{roc_time(incident.discovered_at)}發現，您的{what}。\n\n"
        f"我們已採取之因應措施：{measures}\n\n"
        "請提高警覺，勿依來電指示操作 ATM 或提供帳戶資料。\n\n"
        f"查詢專線：{hotline}\n\n{signer} 敬啟\n"
    )
    return subject, body


@dataclass(frozen=True)
class SubjectDraft:
    """A new notice to data subjects, prefilled from the incident's own facts."""

    channel: str
    client: Any | None
    signer: str
    kinds: tuple[str, ...]
    data_items: str
    measures: str
    hotline: str
    subject: str
    body: str


@in_official_language
def subject_draft(incident: Incident, channel: str, client: Any | None = None) -> SubjectDraft:
    signer = notifying_party(incident, client)
    kinds = tuple(k for k in incident.kinds if k != Kind.THEFT or Kind.LEAK not in incident.kinds)
    data_items, measures = incident.data_items.strip(), incident.measures_taken.strip()
    subject, body = compose(
        incident=incident,
        channel=channel,
        signer=signer,
        kinds=kinds,
        data_items=data_items,
        measures=measures,
        hotline="",
    )
    return SubjectDraft(channel, client, signer, kinds, data_items, measures, "", subject, body)


def official_texts(incident: Incident) -> frozenset[str]:
    """Every notice text Shouhu shows as the official zh-TW document for ``incident``: the drafts it writes
    (to each affected client; to data subjects by each channel, for our company and each client) and the
    notices saved or sent. Pages mark these, and only these, as official text (``forms.OFFICIAL_NOTICE``)."""
    texts: set[str] = set()
    clients = list(incident.affected_clients.all())
    for client in clients:
        texts |= {draft_body(incident, client), _subject(incident)}
    signers: list[Any] = [None, *clients]
    for channel in Channel.values:
        for signer in signers:
            draft = subject_draft(incident, channel, signer)
            texts |= {draft.subject, draft.body}
    for client_notice in ClientNotice.objects.filter(incident=incident):
        texts |= {client_notice.subject, client_notice.body}
    for subject_notice in SubjectNotice.objects.filter(incident=incident):
        texts |= {subject_notice.subject, subject_notice.body}
    return frozenset(_lines(t) for t in texts if t)


def check_subject_notice(notice: SubjectNotice) -> list[checker.Check]:
    """The Art. 12 / Art. 22 checks on the notice's recorded facts and the text to be sent."""
    return checker.check(
        checker.NoticeFacts(
            channel=notice.channel,
            body=notice.body,
            subject=notice.subject,
            kinds=tuple(notice.kinds),
            data_items=notice.data_items,
            measures=notice.measures,
            hotline=notice.hotline,
            signer=notice.signer,
            required_signer=notifying_party(notice.incident, notice.client),
        )
    )


def _lines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


@transaction.atomic
def save_subject_notice(
    *,
    actor: Any,
    incident: Incident,
    channel: str,
    kinds: Iterable[str],
    data_items: str,
    measures: str,
    hotline: str,
    client: Any | None = None,
    subject: str = "",
    body: str = "",
    notice: SubjectNotice | None = None,
) -> SubjectNotice:
    """Save a notice's facts and text (composed from the facts when the text is left empty). The notice
    is signed by the party that must notify: the client when the data is the client's."""
    require(actor, "incidents.manage")
    if channel not in Channel.values:
        raise ValidationError({"channel": [_("未知的通知管道")]})
    if notice is not None and notice.sent_at:
        raise ValidationError(_("已寄出之通知不可修改"))
    if client is not None and not incident.affected_clients.filter(pk=client.pk).exists():
        raise ValidationError({"client": [_("此委託者不在本事件受影響之委託者中")]})
    chosen = [k for k in Kind.values if k in set(kinds)]
    unknown = set(kinds) - set(Kind.values)
    if unknown:
        raise ValidationError({"kinds": [f"未知的侵害種類：{'、'.join(sorted(unknown))}"]})
    signer = notifying_party(incident, client)
    if not body.strip():
        subject, body = compose(
            incident=incident,
            channel=channel,
            signer=signer,
            kinds=chosen,
            data_items=data_items,
            measures=measures,
            hotline=hotline,
        )
    if notice is None:
        notice = SubjectNotice(incident=incident)
    old = notice.pk
    notice.channel, notice.client, notice.signer = channel, client, signer
    notice.kinds, notice.data_items = chosen, data_items.strip()
    # a browser sends a textarea's lines as CRLF: kept as LF, so saving the page unchanged changes nothing
    notice.measures, notice.hotline = _lines(measures), hotline.strip()
    notice.subject, notice.body, notice.updated_by = subject.strip(), _lines(body), actor
    notice.full_clean()
    notice.save()
    record(
        actor=actor,
        action="incidents.subject_notice_saved",
        obj=incident,
        changes={
            "subject_notice": [old, notice.pk],
            "channel": [None, channel],
            "signer": [None, signer],
            "body": ["…", "…"],  # the text may name people; the audit row records that it changed
        },
    )
    return notice


@transaction.atomic
def mark_subject_notice_sent(
    *, actor: Any, notice: SubjectNotice, at: dt.datetime | None = None, recipients: int | None = None
) -> SubjectNotice:
    """The notice went out (by the signer, through its own SMS or mail service). Refused while a required
    element is missing; the text as sent is kept as locked evidence for 附錄三 4(2)."""
    require(actor, "incidents.manage")
    if notice.sent_at:
        raise ValidationError(_("此通知已標示寄出"))
    checks = check_subject_notice(notice)
    if not checker.passes(checks):
        failed = [c.message for c in checks if not c.ok and c.severity == "error"]
        raise ValidationError("通知內容尚未符合法定內容：" + "；".join(failed))
    now = timezone.now()
    at = at or now
    incident = notice.incident
    if at > now + dt.timedelta(minutes=5) or at < incident.discovered_at:
        raise ValidationError({"sent_at": [_("寄送時間須介於發現時間與現在之間")]})
    if recipients is not None and recipients < 0:
        raise ValidationError({"recipients": [_("通知人數不可為負數")]})
    text = "\n".join(
        [
            f"管道：{notice.get_channel_display()}",
            f"通知之業者：{notice.signer}",
            f"寄送時間：{roc_time(at)}",
            f"通知人數：{recipients if recipients is not None else '未記錄'}",
            *([f"主旨：{notice.subject}"] if notice.subject else []),
            "",
            notice.body,
        ]
    )
    evidence = store(
        actor=actor,
        file=text.encode("utf-8"),
        check_perm=False,
        locked=True,
        **_subject_notice_name(notice, incident),
        description=f"以{notice.get_channel_display()}通知當事人（{notice.signer}）",
        context=f"incidents.incident:{incident.pk}",
    )
    IncidentEvidence.objects.create(
        incident=incident, evidence=evidence, category=EvidenceCategory.SUBJECT_NOTICE, added_by=actor
    )
    notice.sent_at, notice.recipients = at, recipients
    notice.save(update_fields=["sent_at", "recipients", "updated_at"])
    record(
        actor=actor,
        action="incidents.subject_notice_sent",
        obj=incident,
        changes={
            "subject_notice": [notice.pk, notice.pk],
            "sent_at": [None, at.isoformat()],
            "recipients": [None, recipients],
            "evidence": [None, evidence.pk],
        },
    )
    said = messages.compose(
        tl.SUBJECTS_NOTIFIED, channel=notice.channel, signer=notice.signer, count=recipients
    )
    services._timeline(incident, actor, said, at=at)
    return notice
