"""Writes for the document register and acknowledgement campaigns. Permission first, audited, zh-TW errors."""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from shouhu.accounts.permissions import require
from shouhu.audit.records import create_record
from shouhu.audit.services import record
from shouhu.core.rocdate import format_roc_date
from shouhu.core.validation import Span, date_error
from shouhu.documents.models import Acknowledgement, Campaign, Document, DocumentVersion, Tier, VersionState
from shouhu.engines.law.timeutil import add_months
from shouhu.evidence import services as evidence
from shouhu.organization import selectors as organization
from shouhu.organization.models import Department, Person

logger = logging.getLogger(__name__)


def create_document(
    *, actor: Any, code: str, title: str, tier: str, owner: Person | None = None, review_months: int = 12
) -> Document:
    require(actor, "documents.manage")
    code = code.strip()
    if Document.objects.filter(code__iexact=code).exists():
        raise ValidationError({"code": _("文件編號「{code}」已存在。").format(code=code)})
    if not 1 <= review_months <= 60:
        raise ValidationError({"review_months": _("檢視週期須介於 1 至 60 個月。")})
    return create_record(
        actor=actor, model=Document,
        data={"code": code, "title": title.strip(), "tier": tier, "owner": owner, "review_months": review_months},
        fields=["code", "title", "tier", "owner", "review_months"],
    )  # fmt: skip


@transaction.atomic
def add_version(
    *, actor: Any, document: Document, file: bytes, filename: str, change_summary: str = "",
    effective_on: dt.date | None = None,
) -> DocumentVersion:  # fmt: skip
    """A new draft version; its file goes to the evidence store (SHA-256, 5-year retention)."""
    require(actor, "documents.manage")
    Document.objects.select_for_update().filter(pk=document.pk).first()
    number = (document.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    try:
        stored = evidence.store(
            actor=actor, file=file, filename=filename, check_perm=False,
            description=f"{document.code} {document.title} 第 {number} 版", context=f"documents.document:{document.pk}",
        )  # fmt: skip
    except evidence.EvidenceError as exc:
        raise ValidationError({"file": str(exc)}) from exc
    return create_record(
        actor=actor, model=DocumentVersion,
        data={"document": document, "number": number, "file": stored, "change_summary": change_summary.strip(),
              "effective_on": effective_on,
              "created_by": actor if getattr(actor, "is_authenticated", False) else None},
        fields=["document", "number", "file", "change_summary", "effective_on", "created_by"],
    )  # fmt: skip


ACK_DAYS = 30  # default time given to read and confirm a newly approved policy version


@transaction.atomic
def approve_version(
    *, actor: Any, version: DocumentVersion, effective_on: dt.date | None = None,
    ack_departments: Iterable[Department] = (), ack_due_on: dt.date | None = None,
) -> DocumentVersion:  # fmt: skip
    """Approve a draft: it becomes the version in force, the previous one is kept as superseded.

    Approving a 一階 policy version also starts its acknowledgement campaign: the active staff of
    ``ack_departments`` (none chosen: everyone active) read and confirm it by ``ack_due_on`` (default 30 days),
    new joiners are added; an open campaign for an earlier version of the same document is closed.
    """
    require(actor, "documents.approve")
    version = DocumentVersion.objects.select_for_update().select_related("document").get(pk=version.pk)
    if version.state != VersionState.DRAFT:
        raise ValidationError(
            _("第 {number} 版為「{state}」，只有草稿可以核定。").format(
                number=version.number, state=version.get_state_display()
            )
        )
    now = timezone.now()
    effective = effective_on or version.effective_on or timezone.localdate()
    for old in version.document.versions.select_for_update().filter(state=VersionState.APPROVED):
        old.state, old.superseded_at = VersionState.SUPERSEDED, now
        old.save(update_fields=["state", "superseded_at"])
        record(actor=actor, action="documents.version_superseded", obj=old,
               changes={"state": [VersionState.APPROVED, VersionState.SUPERSEDED]})  # fmt: skip
    version.state, version.approved_by, version.approved_at = VersionState.APPROVED, actor, now
    version.effective_on = effective
    version.next_review_on = add_months(effective, version.document.review_months)
    version.save(update_fields=["state", "approved_by", "approved_at", "effective_on", "next_review_on"])
    record(actor=actor, action="documents.version_approved", obj=version,
           changes={"state": [VersionState.DRAFT, VersionState.APPROVED], "effective_on": [None, effective.isoformat()],
                    "sha256": [None, version.file.blob.sha256]})  # fmt: skip
    if version.document.tier == Tier.POLICY:
        due = ack_due_on or timezone.localdate() + dt.timedelta(days=ACK_DAYS)
        departments = list(ack_departments)
        if departments and not _audience(departments):
            raise ValidationError({"ack_departments": _("所選部門沒有在職人員，無法請其閱讀確認。")})
        for old_campaign in Campaign.objects.filter(
            version__document=version.document, closed_at__isnull=True
        ):
            _close(actor, old_campaign, reason="superseded")
        if _audience(departments):  # a company without staff recorded yet has nobody to ask
            _start(actor, version, due_on=due, departments=departments, include_new_joiners=True)
    return version


def _audience(departments: Iterable[Department]) -> list[Person]:
    ids = [d.pk for d in departments]
    qs = organization.people(active=True)
    return list(qs.filter(department_id__in=ids) if ids else qs)


@transaction.atomic
def start_campaign(
    *, actor: Any, version: DocumentVersion, due_on: dt.date, departments: Iterable[Department] = (),
    include_new_joiners: bool = True,
) -> Campaign:  # fmt: skip
    """Ask the chosen people (active staff of the departments, or everyone) to read and confirm a version."""
    require(actor, "documents.manage")
    version = DocumentVersion.objects.select_related("document").get(pk=version.pk)
    if version.state != VersionState.APPROVED:
        raise ValidationError(_("只有已核定（現行）的版本可以請同仁閱讀確認。"))
    return _start(actor, version, due_on=due_on, departments=list(departments),
                  include_new_joiners=include_new_joiners)  # fmt: skip


def _start(
    actor: Any, version: DocumentVersion, *, due_on: dt.date, departments: list[Department],
    include_new_joiners: bool,
) -> Campaign:  # fmt: skip
    if Campaign.objects.filter(version=version, closed_at__isnull=True).exists():
        raise ValidationError(_("此版本已有進行中的確認活動；請先結束該活動再重新開始。"))
    if due_on < timezone.localdate():
        raise ValidationError({"due_on": _("完成期限不可早於今天。")})
    message = date_error(due_on, label="完成期限", span=Span.PLAN)
    if message:
        raise ValidationError({"due_on": message})
    people = _audience(departments)
    if not people:
        raise ValidationError(_("所選部門沒有在職人員。"))
    campaign = Campaign.objects.create(
        version=version, due_on=due_on, include_new_joiners=include_new_joiners,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )  # fmt: skip
    campaign.departments.set(departments)
    Acknowledgement.objects.bulk_create(Acknowledgement(campaign=campaign, person=p) for p in people)
    record(actor=actor, action="documents.campaign_started", obj=campaign,
           changes={"version": [None, str(version)], "people": [None, len(people)],
                    "departments": [None, [d.name for d in departments] or "全體"],
                    "due_on": [None, due_on.isoformat()]})  # fmt: skip
    return campaign


@transaction.atomic
def add_new_joiners(*, actor: Any = None, person: Person | None = None) -> int:
    """Add people who joined after an open campaign started (and are in its departments) to it.

    Run by the daily reminder job and when a person opens their own list, so nobody waits for a manager.
    """
    added = 0
    for campaign in Campaign.objects.filter(
        closed_at__isnull=True, include_new_joiners=True
    ).prefetch_related("departments"):
        candidates = [p for p in _audience(campaign.departments.all()) if p.created_at > campaign.created_at]
        if person is not None:
            candidates = [p for p in candidates if p.pk == person.pk]
        have = set(campaign.acknowledgements.values_list("person_id", flat=True))
        new = [
            Acknowledgement(campaign=campaign, person=p, added_as_joiner=True)
            for p in candidates
            if p.pk not in have
        ]
        if new:
            Acknowledgement.objects.bulk_create(new)
            added += len(new)
            record(
                actor=actor,
                action="documents.joiners_added",
                obj=campaign,
                changes={"people": [None, len(new)]},
            )
    return added


def _own(actor: Any, ack: Acknowledgement) -> None:
    require(actor, "documents.acknowledge")
    person = organization.person_of_user(actor)
    if person is None or person.pk != ack.person_id:
        raise PermissionDenied(_("只能閱讀及確認指派給自己的文件。"))


@transaction.atomic
def open_for_reading(*, actor: Any, ack: Acknowledgement) -> bytes:
    """The document's file for the person asked to read it; the first opening is recorded as read."""
    _own(actor, ack)
    ack = (
        Acknowledgement.objects.select_for_update()
        .select_related("campaign__version__file__blob")
        .get(pk=ack.pk)
    )
    if ack.read_at is None:
        ack.read_at = timezone.now()
        ack.save(update_fields=["read_at"])
        record(
            actor=actor,
            action="documents.version_read",
            obj=ack.campaign.version,
            changes={"ack": [None, ack.pk]},
        )
    return evidence.read_bytes_internal(ack.campaign.version.file)


@transaction.atomic
def acknowledge(*, actor: Any, ack: Acknowledgement) -> Acknowledgement:
    """Confirm having read and understood the version (only after opening it)."""
    _own(actor, ack)
    ack = Acknowledgement.objects.select_for_update().select_related("campaign").get(pk=ack.pk)
    if ack.acknowledged_at is not None:
        return ack
    if ack.read_at is None:
        raise ValidationError(_("請先開啟並閱讀文件，再確認。"))
    if ack.campaign.closed_at is not None:
        raise ValidationError(_("此確認活動已結束。"))
    ack.acknowledged_at = timezone.now()
    ack.save(update_fields=["acknowledged_at"])
    record(actor=actor, action="documents.acknowledged", obj=ack,
           changes={"acknowledged_at": [None, ack.acknowledged_at.isoformat()]})  # fmt: skip
    return ack


@transaction.atomic
def close_campaign(*, actor: Any, campaign: Campaign) -> Campaign:
    require(actor, "documents.manage")
    return _close(actor, campaign, reason="closed")


def _close(actor: Any, campaign: Campaign, *, reason: str) -> Campaign:
    if campaign.closed_at is None:
        campaign.closed_at = timezone.now()
        campaign.save(update_fields=["closed_at"])
        pending = campaign.acknowledgements.filter(acknowledged_at__isnull=True).count()
        record(
            actor=actor,
            action="documents.campaign_closed",
            obj=campaign,
            changes={"pending": [None, pending], "reason": [None, reason]},
        )
    return campaign


def send_reminders(*, on: dt.date | None = None, actor: Any = None) -> dict[str, int]:
    """E-mail everyone with an unconfirmed document in an open campaign, at most once a day each."""
    today = on or timezone.localdate()
    add_new_joiners(actor=actor)
    pending = (
        Acknowledgement.objects.filter(acknowledged_at__isnull=True, campaign__closed_at__isnull=True)
        .exclude(last_reminded_on=today)
        .exclude(person__email="")
        .select_related("person", "campaign__version__document")
    )
    sent = failed = 0
    connection = get_connection()
    for ack in pending:
        doc = ack.campaign.version.document
        due = ack.campaign.due_on
        overdue = "（已逾期）" if due < today else ""
        body = "\n".join([
            f"{ack.person.name} 您好：", "",
            f"請閱讀並確認「{doc.code} {doc.title}」第 {ack.campaign.version.number} 版，完成期限{format_roc_date(due)}{overdue}。",
            "請登入守護 → 我的工作 → 待確認的政策文件，開啟文件閱讀後按「我已閱讀並確認」。",
        ])  # fmt: skip
        message = EmailMessage(f"【守護】請閱讀並確認：{doc.title}", body, settings.DEFAULT_FROM_EMAIL,
                               [ack.person.email], connection=connection)  # fmt: skip
        try:
            message.send()
        except (smtplib.SMTPException, OSError) as error:
            logger.warning("document reminder %s not sent: %s", ack.pk, type(error).__name__)
            failed += 1
            continue
        Acknowledgement.objects.filter(pk=ack.pk).update(reminders=ack.reminders + 1, last_reminded_on=today)
        sent += 1
    if sent or failed:
        record(actor=actor, action="documents.reminders_sent", object_type="documents.campaign",
               changes={"sent": [None, sent], "failed": [None, failed]})  # fmt: skip
    return {"sent": sent, "failed": failed}
