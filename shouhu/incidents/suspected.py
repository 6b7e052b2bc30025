"""An employee's report of a suspected event (疑似事件), the chiefs' e-mail, and triage.

Any employee reports what happened, when they noticed it, what data is involved and how to reach them. The
record is a 疑似事件 until triage; its legal clocks are computed at once from the time the employee noticed
it (every deciding fact still 尚未判斷) and shown, counted down and reminded — provisional, never hidden.
The privacy chief and the security chief (and any address in the notification settings) are e-mailed at
once. Triage records 知悉 and either turns the report into an incident or closes it with a written reason.
"""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from shouhu.accounts.permissions import require
from shouhu.audit.records import update_record
from shouhu.audit.services import record
from shouhu.core import siteurl
from shouhu.core.messages import Message, compose
from shouhu.incidents import clocks, services
from shouhu.incidents import timeline_text as tl
from shouhu.incidents.models import Incident, NotifySettings, State, TimelineEntry

logger = logging.getLogger(__name__)

TITLE_CHARS = 40


def notify_settings() -> NotifySettings:
    """The single settings row (created with the defaults on first use)."""
    row, _ = NotifySettings.objects.get_or_create(pk=1)
    return row


@transaction.atomic
def update_notify_settings(*, actor: Any, data: dict[str, Any]) -> NotifySettings:
    require(actor, "incidents.manage")
    row = NotifySettings.objects.select_for_update().get(pk=notify_settings().pk)
    probe = NotifySettings(extra_recipients=str(data.get("extra_recipients", "")))
    bad = []
    for address in probe.extra_list():
        try:
            validate_email(address)
        except ValidationError:
            bad.append(address)
    if bad:
        raise ValidationError(
            {"extra_recipients": [_("電子郵件地址格式不正確：{value}").format(value="、".join(bad))]}
        )
    return update_record(
        actor=actor,
        instance=row,
        data=data,
        fields=["notify_privacy_chief", "notify_security_chief", "extra_recipients"],
    )


def _recipients() -> tuple[list[str], list[str], int]:
    """(addresses, the 總負責人 kinds reached, how many other recipients) for a new suspected event."""
    from shouhu.organization.models import Designation
    from shouhu.organization.selectors import current_designations

    conf = notify_settings()
    kinds = [Designation.Kind.PRIVACY] if conf.notify_privacy_chief else []
    kinds += [Designation.Kind.SECURITY] if conf.notify_security_chief else []
    addresses: list[str] = []
    chiefs: list[str] = []
    for designation in current_designations().filter(kind__in=kinds).order_by("kind"):
        person = designation.person
        email = person.email or (person.user.email if person.user else "")
        if email:
            addresses.append(email)
            chiefs.append(str(designation.kind))
    extra = conf.extra_list()
    return list(dict.fromkeys(addresses + extra)), chiefs, len(extra)


def recipients() -> tuple[list[str], list[str]]:
    """(addresses, who in words) for a new suspected event, from the settings and the current 總負責人."""
    to, chiefs, extra = _recipients()
    return to, tl.who_notified(chiefs, extra)


def _note(incident: Incident, said: Message, *, actor: Any = None, at: dt.datetime | None = None) -> None:
    TimelineEntry.objects.create(incident=incident, at=at or timezone.now(), text=said.text, message_key=said.key,
                                 message_facts=said.facts, automatic=True, actor=actor)  # fmt: skip


def notify(incident_id: int) -> bool:
    """E-mail the chiefs about a new suspected event; the outcome goes on the timeline. Never raises for a
    mail failure: the report is kept whatever happens to the e-mail."""
    incident = Incident.objects.select_related("reported_by").get(pk=incident_id)
    to, chiefs, extra = _recipients()
    if not to:
        _note(incident, compose(tl.NOT_NOTIFIED))
        return False
    url = siteurl.base_url() + reverse("incidents:detail", args=[incident.pk])
    reporter = (
        incident.reported_by.get_full_name() or incident.reported_by.username if incident.reported_by else ""
    )
    body = (
        f"員工通報疑似事件，請儘速分流（記錄知悉時間，確認為事故或寫明理由結案）。\n\n"
        f"編號：INC-{incident.pk}\n摘要：{incident.title}\n"
        f"發現時間：{timezone.localtime(incident.discovered_at):%Y-%m-%d %H:%M}（臺北時間）\n"
        f"涉及資料：{incident.data_items or '未填'}\n通報人：{reporter}\n"
        f"聯絡方式：{incident.reporter_contact or '未填'}\n\n"
        f"可能適用之法定期限已暫定起算，請至：\n{url}\n\n— 守護 Shouhu"
    )
    drill = "【演練】" if incident.is_drill else ""
    try:
        send_mail(
            subject=f"{drill}[守護] 員工通報疑似事件：INC-{incident.pk}",
            message=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=to,
            fail_silently=False,
        )
    except (smtplib.SMTPException, OSError) as exc:
        logger.warning("suspected-event notice for incident %s not sent: %s", incident.pk, type(exc).__name__)
        _note(incident, compose(tl.NOTICE_FAILED))
        record(actor=None, action="incidents.suspect_notice_failed", obj=incident, changes={})
        return False
    _note(incident, compose(tl.NOTIFIED, chiefs=chiefs, extra=extra))
    record(
        actor=None,
        action="incidents.suspect_notified",
        obj=incident,
        changes={"recipients": [None, len(to)]},
    )
    return True


def report_suspected(
    *,
    actor: Any,
    what: str,
    noticed_at: dt.datetime | None = None,
    data_items: str = "",
    contact: str = "",
) -> Incident:
    """An employee's two-minute report: a 疑似事件 with provisional clocks; the chiefs are e-mailed once the
    report is saved."""
    what = (what or "").strip()
    if not what:
        raise ValidationError({"what": [_("請簡述發生了什麼事")]})
    first_line = what.splitlines()[0].strip()
    title = first_line[:TITLE_CHARS] + ("…" if len(first_line) > TITLE_CHARS else "")
    with transaction.atomic():
        incident = services.report_incident(
            actor=actor,
            data={
                "title": title,
                "summary": what[:5000],
                "discovered_at": noticed_at or timezone.now(),
                "data_items": (data_items or "").strip()[:300],
                "reporter_contact": (contact or "").strip()[:200],
            },
            suspected=True,
        )
        pk = incident.pk
        transaction.on_commit(lambda: notify(pk))
    return incident


def _locked_suspect(incident: Incident) -> Incident:
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    if incident.state != State.SUSPECTED:
        raise ValidationError(
            _("本事件狀態為「{value}」，僅疑似事件需分流").format(value=incident.get_state_display())
        )
    return incident


def _triage(actor: Any, incident: Incident, aware_at: dt.datetime | None, to: str, reason: str) -> Incident:
    now = timezone.now()
    old = {"state": incident.state, "aware_at": incident.aware_at.isoformat() if incident.aware_at else None}
    incident.aware_at = aware_at or now
    incident.state = to
    incident.triaged_at, incident.triaged_by = now, actor
    incident.dismiss_reason = reason
    if to == State.OPEN and incident.owner_id is None:
        incident.owner = actor
    services.check_timestamps(incident)
    incident.save(
        update_fields=[
            "aware_at",
            "state",
            "triaged_at",
            "triaged_by",
            "dismiss_reason",
            "owner",
            "updated_at",
        ]
    )
    record(
        actor=actor,
        action="incidents.triaged",
        obj=incident,
        changes={
            "state": [old["state"], to],
            "aware_at": [old["aware_at"], incident.aware_at.isoformat()],
            "dismiss_reason": ["", reason],
        },
    )
    aware = f"{timezone.localtime(incident.aware_at):%Y-%m-%d %H:%M}"
    if to == State.OPEN:
        said = compose(tl.TRIAGED_OPEN, aware=aware)
    else:
        said = compose(tl.TRIAGED_DISMISSED, aware=aware, reason=reason)
    _note(incident, said, actor=actor, at=now)
    clocks.recompute(actor=actor, incident=incident)
    return incident


@transaction.atomic
def triage_confirm(*, actor: Any, incident: Incident, aware_at: dt.datetime | None = None) -> Incident:
    """Triage: it is an incident. 知悉 is recorded (now unless given) and the clocks are recomputed."""
    require(actor, "incidents.manage")
    return _triage(actor, _locked_suspect(incident), aware_at, State.OPEN, "")


@transaction.atomic
def triage_dismiss(
    *, actor: Any, incident: Incident, reason: str, aware_at: dt.datetime | None = None
) -> Incident:
    """Triage: not an incident. Needs a written reason; the provisional clocks are withdrawn (audited)."""
    require(actor, "incidents.manage")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("請寫明判斷非事故之理由")]})
    return _triage(actor, _locked_suspect(incident), aware_at, State.DISMISSED, reason[:2000])
