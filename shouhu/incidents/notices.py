"""Client notification e-mails (圖 18) and data-subject notice drafts."""

from __future__ import annotations

import logging
import smtplib
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone

from shouhu.accounts.permissions import require
from shouhu.audit.services import record
from shouhu.evidence.services import store
from shouhu.incidents import readiness, services
from shouhu.incidents.models import (
    Channel,
    ClientNotice,
    EvidenceCategory,
    Incident,
    IncidentEvidence,
    NoticeStatus,
    SubjectNotice,
)
from shouhu.incidents.reports import roc_time

logger = logging.getLogger(__name__)


def _company_name() -> str:
    from shouhu.organization.selectors import company

    profile = company()
    return profile.name if profile else "本公司"


def client_recipients(client: Any) -> list[str]:
    contacts = [c for c in client.contacts.all() if c.email]
    security = [c.email for c in contacts if c.is_security_contact]
    return security or [c.email for c in contacts]


def draft_body(incident: Incident, client: Any) -> str:
    """A first draft following 圖 18 of the guideline; the officer edits it before sending."""
    occurred = roc_time(incident.occurred_at) if incident.occurred_at else "（時間仍在調查中）"
    kinds = "、".join(incident.kind_labels()) or "個資侵害"
    own_deadlines = incident.deadlines.filter(
        active=True, party_id=f"client-{client.pk}", met_at__isnull=True
    )
    lines = [
        f"{client.name} 您好：",
        "",
        "本公司非常注重您的權益，也非常注重系統資安。很遺憾通知您，"
        f"本公司所提供之系統於{occurred}發生個資事故（{kinds}），"
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
        "依個資法第12條，通知消費者之內容須包含個資被侵害之事實、已採取之因應措施及查詢專線，"
        "如需本公司協助通知消費者，請不吝告知。"
    )
    if incident.affected_systems.strip():
        lines += ["", f"受影響之系統：{incident.affected_systems.strip()}"]
    if own_deadlines:
        lines += ["", "依守護法規引擎，貴公司可能適用之期限（請依 貴公司主管機關規定確認）："]
        lines += [f"- {d.title_zh}：{roc_time(d.due_at)}（{d.legal_basis_zh}）" for d in own_deadlines]
    lines += [
        "",
        "本公司將盡所能協助調查事故，並持續修補系統以建立更完善之資安防護。本公司再次向您致歉。",
        "",
        _company_name(),
    ]
    return "\n".join(lines)


def _subject(incident: Incident) -> str:
    prefix = "【演練】" if incident.is_drill else ""
    return f"{prefix}{_company_name()}個資事故通知"


def draft_client_notice(*, actor: Any, incident: Incident, client: Any) -> ClientNotice:
    """The saved notice for one affected client, or an unsaved draft built from the incident (no write:
    a GET shows this; saving goes through ``prepare_client_notice``)."""
    require(actor, "incidents.manage")
    if not incident.affected_clients.filter(pk=client.pk).exists():
        raise ValidationError("此委託者不在本事件受影響之委託者中")
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
        raise ValidationError({field: ["請填寫收件者電子郵件"]})
    for address in out:
        try:
            validate_email(address)
        except ValidationError:
            raise ValidationError({field: [f"電子郵件格式錯誤：{address}"]}) from None
    return out


@transaction.atomic
def save_client_notice(*, actor: Any, notice: ClientNotice, data: dict[str, str]) -> ClientNotice:
    require(actor, "incidents.manage")
    if notice.status == NoticeStatus.SENT:
        raise ValidationError("已寄出之通知不可修改")
    _addresses(data.get("to", ""), "to", required=True)
    _addresses(data.get("cc", ""), "cc", required=False)
    if not data.get("subject", "").strip() or not data.get("body", "").strip():
        raise ValidationError("主旨與內容不可空白")
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


def send_client_notice(*, actor: Any, notice: ClientNotice) -> ClientNotice:
    """Send through SMTP. On failure the draft stays, the error is shown, and sending can be retried."""
    require(actor, "incidents.manage")
    if notice.status == NoticeStatus.SENT:
        raise ValidationError("此通知已寄出")
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
        prefix = "演練_" if incident.is_drill else ""
        evidence = store(
            actor=actor,
            file=message.message().as_bytes(),
            check_perm=False,
            locked=True,
            filename=f"{prefix}客戶通知_{notice.client.name}_INC{incident.pk}.eml",
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
        services._timeline(incident, actor, f"以電子郵件通知委託者「{notice.client.name}」")
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


def subject_draft(incident: Incident, channel: str) -> tuple[str, str]:
    company = _company_name()
    if channel == Channel.SMS:
        return "", (
            f"【{company}】通知：我們於{timezone.localtime(incident.discovered_at):%m/%d}發現系統遭入侵，"
            "您的姓名、電話等個人資料可能已外洩。我們已封鎖攻擊來源並修補漏洞。請留意詐騙來電。"
            "查詢專線："
        )
    subject = f"{'【演練】' if incident.is_drill else ''}{company}個人資料外洩事故通知"
    body = (
        f"親愛的用戶您好：\n\n{company}於{roc_time(incident.discovered_at)}發現系統遭未經授權存取，"
        f"您的個人資料（{'、'.join(incident.kind_labels()) or '侵害'}）可能已遭外洩。\n\n"
        f"我們已採取之因應措施：{incident.measures_taken.strip() or '（請填寫）'}\n\n"
        "請提高警覺，勿依來電指示操作 ATM 或提供帳戶資料。\n\n查詢專線：（請填寫電話）　服務信箱：（請填寫）\n"
    )
    return subject, body


@transaction.atomic
def save_subject_notice(
    *,
    actor: Any,
    incident: Incident,
    channel: str,
    body: str,
    subject: str = "",
    notice: SubjectNotice | None = None,
) -> SubjectNotice:
    require(actor, "incidents.manage")
    if channel not in Channel.values:
        raise ValidationError({"channel": ["未知的通知管道"]})
    if not body.strip():
        raise ValidationError({"body": ["內容不可空白"]})
    if notice is None:
        notice = SubjectNotice(incident=incident)
    notice.channel, notice.subject, notice.body, notice.updated_by = channel, subject.strip(), body, actor
    notice.full_clean()
    is_new = notice.pk is None
    notice.save()
    record(
        actor=actor,
        action="incidents.subject_notice_saved",
        obj=incident,
        changes={"subject_notice": [None if is_new else notice.pk, notice.pk], "channel": [None, channel]},
    )
    return notice
