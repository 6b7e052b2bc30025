"""Writes for people and access. Permission first, transaction, zh-TW errors, every change audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from shouhu.accounts.permissions import has_perm, require
from shouhu.accounts.services import users as user_accounts
from shouhu.audit.records import create_record
from shouhu.audit.services import record
from shouhu.core.importing.base import RowChange
from shouhu.core.messages import compose, define
from shouhu.core.validation import Span, check_dates
from shouhu.evidence import names
from shouhu.evidence import services as evidence
from shouhu.inventory import selectors as inventory
from shouhu.law import services as law
from shouhu.organization import selectors as organization
from shouhu.organization import services as organization_services
from shouhu.organization.models import Person
from shouhu.people.models import (
    REVIEW_TITLE,
    Account,
    Decision,
    FollowUp,
    ItemKind,
    Offboarding,
    OffboardingItem,
    Outcome,
    Review,
    ReviewState,
    Undertaking,
)

# The calendar obligation a closed access review completes (recurring.toml: 指引附錄二2.6.4, every 6 months).
OBLIGATION = "permission-review"
FOLLOWUP_DAYS = 14  # default deadline for revoking or changing an account after the review closes

# The compliance calendar's note for a closed access review (shown in the reader's language).
REVIEW_NOTE = define(
    "people.review_note",
    gettext_noop(
        "存取權限審查「{title}」（{system}）：{accounts} 個帳號，保留 {keep}、調整 {change}、撤銷 {revoke}"
    ),
)


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


# --- confidentiality undertakings ---------------------------------------------------------------------


@transaction.atomic
def record_undertaking(
    *, actor: Any, person: Person, signed_on: dt.date, file: bytes, filename: str,
    valid_until: dt.date | None = None, note: str = "",
) -> Undertaking:  # fmt: skip
    """Keep a signed 保密切結: its date and the signed copy in the evidence store (SHA-256, 5 years)."""
    require(actor, "people.manage")
    check_dates({"signed_on": (_("簽署日"), signed_on)})
    if signed_on > timezone.localdate():
        raise ValidationError({"signed_on": _("簽署日不可晚於今天。")})
    if valid_until is not None and valid_until <= signed_on:
        raise ValidationError({"valid_until": _("有效期限須晚於簽署日。")})
    try:
        stored = evidence.store(
            actor=actor, file=file, filename=filename, check_perm=False, locked=True,
            description=f"保密切結：{person.name}（{signed_on.isoformat()} 簽署）",
            context=f"people.undertaking:{person.pk}",
        )  # fmt: skip
    except evidence.EvidenceError as exc:
        raise ValidationError({"file": exc.messages}) from exc
    return create_record(
        actor=actor, model=Undertaking,
        data={"person": person, "signed_on": signed_on, "valid_until": valid_until, "file": stored,
              "note": note.strip(), "recorded_by": _user(actor)},
        fields=["person", "signed_on", "valid_until", "file", "note", "recorded_by"], past=["signed_on"],
    )  # fmt: skip


# --- access reviews -----------------------------------------------------------------------------------


def _check_reviewers(reviewers: Sequence[Any]) -> None:
    if not reviewers:
        raise ValidationError({"reviewers": _("請至少指派一位審查人。")})
    unable = [u.get_username() for u in reviewers if not has_perm(u, "people.review")]
    if unable:
        raise ValidationError(
            {"reviewers": _("下列帳號沒有審查權限：{names}").format(names="、".join(unable))}
        )


@transaction.atomic
def create_review(
    *, actor: Any, system_id: int, title: str, due_on: dt.date, reviewers: Iterable[Any]
) -> Review:
    require(actor, "people.manage")
    system = inventory.system_by_pk(
        system_id, actor=actor if getattr(actor, "is_authenticated", False) else None
    )
    if system is None:  # also another department's system for a department-scoped officer
        raise ValidationError({"system": _("所選的系統不存在，或屬於您無權檢視的部門。")})
    if due_on < timezone.localdate():
        raise ValidationError({"due_on": _("完成期限不可早於今天。")})
    check_dates({"due_on": (_("完成期限"), due_on)}, span=Span.PLAN)
    reviewers = list(reviewers)
    _check_reviewers(reviewers)
    title = title.strip() or REVIEW_TITLE.format(system=system.name)  # zh-TW; Review.title_shown reads it
    review = create_record(
        actor=actor, model=Review,
        data={"system": system, "title": title, "due_on": due_on, "created_by": _user(actor)},
        fields=["system", "title", "due_on", "created_by"],
    )  # fmt: skip
    review.reviewers.set(reviewers)
    record(actor=actor, action="people.reviewers_set", obj=review,
           changes={"reviewers": [None, sorted(u.get_username() for u in reviewers)]})  # fmt: skip
    return review


def _open(review: Review) -> None:
    if review.state != ReviewState.OPEN:
        raise ValidationError(_("此審查已結案，不能再修改。"))


@transaction.atomic
def set_reviewers(*, actor: Any, review: Review, reviewers: Iterable[Any]) -> Review:
    require(actor, "people.manage")
    _open(review)
    reviewers = list(reviewers)
    _check_reviewers(reviewers)
    before = sorted(u.get_username() for u in review.reviewers.all())
    review.reviewers.set(reviewers)
    record(actor=actor, action="people.reviewers_set", obj=review,
           changes={"reviewers": [before, sorted(u.get_username() for u in reviewers)]})  # fmt: skip
    return review


@dataclass(frozen=True)
class AccountRow:
    """One account from the system's exported list (validated by the import spec)."""

    username: str
    display_name: str = ""
    email: str = ""
    employee_no: str = ""
    privileges: str = ""
    last_login: dt.date | None = None
    enabled: bool | None = None  # None: the exported list does not say


def match_person(row: AccountRow, people: Sequence[Person]) -> Person | None:
    """The person an account belongs to: by employee number, then e-mail, then a name only one person has."""
    if row.employee_no:
        hit = [p for p in people if p.employee_no and p.employee_no.casefold() == row.employee_no.casefold()]
        if len(hit) == 1:
            return hit[0]
    if row.email:
        hit = [p for p in people if p.email and p.email.casefold() == row.email.casefold()]
        if len(hit) == 1:
            return hit[0]
    if row.display_name:
        hit = [p for p in people if p.name == row.display_name.strip()]
        if len(hit) == 1:
            return hit[0]
    return None


# An imported account's audited fields (attribute names): who it is, what it may do, the decision it loses.
ACCOUNT_AUDITED = ("username", "display_name", "email", "privileges", "last_login", "enabled", "person_id", "decision",
                   "reason", "decided_by_id", "decided_at")  # fmt: skip


@transaction.atomic
def add_accounts(*, actor: Any, review: Review, rows: Sequence[AccountRow]) -> dict[str, Any]:
    """Add or refresh the review's accounts (by username). A refreshed account whose privileges changed
    loses its earlier decision, since that decision was about other privileges."""
    require(actor, "people.manage")
    review = Review.objects.select_for_update().get(pk=review.pk)
    _open(review)
    people = list(organization.people(active=None))
    existing = {a.username.casefold(): a for a in review.accounts.all()}
    created: list[int] = []
    updated: list[int] = []
    changes: list[RowChange] = []  # per account, old/new values: the import's confirm step audits each
    for row in rows:
        person = match_person(row, people)
        values = {"display_name": row.display_name, "email": row.email, "privileges": row.privileges,
                  "last_login": row.last_login, "enabled": row.enabled, "person": person}  # fmt: skip
        account = existing.get(row.username.casefold())
        if account is None:
            account = Account.objects.create(review=review, username=row.username, **values)
            existing[row.username.casefold()] = account
            created.append(account.pk)
            changes.append(RowChange.of(account, ACCOUNT_AUDITED))
            continue
        changed = [k for k, v in values.items() if getattr(account, k) != v]
        if not changed:
            continue
        before = {a: getattr(account, a) for a in ACCOUNT_AUDITED}
        if "privileges" in changed and account.decision:
            account.decision, account.reason, account.decided_by, account.decided_at = "", "", None, None
            changed += ["decision", "reason", "decided_by", "decided_at"]
        for k, v in values.items():
            setattr(account, k, v)
        account.save(update_fields=changed)
        updated.append(account.pk)
        changes.append(RowChange.of(account, ACCOUNT_AUDITED, before))
    record(actor=actor, action="people.accounts_imported", obj=review,
           changes={"created": [None, len(created)], "updated": [None, len(updated)]})  # fmt: skip
    return {"created": len(created), "updated": len(updated), "created_ids": created, "updated_ids": updated,
            "rows": changes}  # fmt: skip


def can_review(user: Any, review: Review) -> bool:
    """Managers decide on every review; a reviewer only on the reviews assigned to them."""
    if has_perm(user, "people.manage"):
        return True
    return has_perm(user, "people.review") and review.reviewers.filter(pk=user.pk).exists()


@transaction.atomic
def decide(*, actor: Any, account: Account, decision: str, reason: str) -> Account:
    """Keep, change or revoke one account, always with the reason (it is the review's evidence)."""
    account = Account.objects.select_for_update().select_related("review").get(pk=account.pk)
    if not can_review(actor, account.review):
        raise PermissionDenied(_("只有此審查指派的審查人可以決定。"))
    _open(account.review)
    if decision not in Decision.values:
        raise ValidationError({"decision": _("請選擇保留、調整權限或撤銷。")})
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("請填寫理由。")})
    if len(reason) > 500:
        raise ValidationError({"reason": _("理由最多 500 字。")})
    before = [account.decision or None, account.reason or None]
    account.decision, account.reason = decision, reason
    account.decided_by, account.decided_at = _user(actor), timezone.now()
    account.save(update_fields=["decision", "reason", "decided_by", "decided_at"])
    record(actor=actor, action="people.account_decided", obj=account,
           changes={"decision": [before[0], decision], "reason": [before[1], reason]})  # fmt: skip
    return account


@transaction.atomic
def close_review(
    *, actor: Any, review: Review, followup_due_on: dt.date | None = None, followup_owner: Any = None
) -> Review:
    """Close a review whose every account is decided: follow-up tasks for revocations and changes, each a
    corrective action (矯正措施, owner ``followup_owner`` or the closer, due ``followup_due_on``), the result
    as XLSX and PDF in the evidence store (locked), and the calendar's permission review completed."""
    require(actor, "people.manage")
    review = Review.objects.select_for_update().select_related("system").get(pk=review.pk)
    _open(review)
    accounts = list(review.accounts.all())
    if not accounts:
        raise ValidationError(_("尚未匯入帳號清單，不能結案。"))
    undecided = [a for a in accounts if not a.decision]
    if undecided:
        raise ValidationError(_("尚有 {n} 個帳號未決定，不能結案。").format(n=len(undecided)))
    today = timezone.localdate()
    due = followup_due_on or today + dt.timedelta(days=FOLLOWUP_DAYS)
    if due < today:
        raise ValidationError({"followup_due_on": _("後續處理期限不可早於今天。")})
    to_fix = [a for a in accounts if a.decision in (Decision.REVOKE, Decision.CHANGE)]
    followups = FollowUp.objects.bulk_create(FollowUp(account=a, due_on=due) for a in to_fix)
    owner = followup_owner or _user(actor)
    for followup in followups:
        _raise_action(actor=actor, review=review, followup=followup, owner=owner)
    review.state, review.closed_by, review.closed_at = ReviewState.CLOSED, _user(actor), timezone.now()
    review.save(update_fields=["state", "closed_by", "closed_at"])
    report, pdf = _store_results(actor=actor, review=review)
    counts = {d: sum(1 for a in accounts if a.decision == d) for d in Decision.values}
    record(actor=actor, action="people.review_closed", obj=review,
           changes={"state": [ReviewState.OPEN, ReviewState.CLOSED], "accounts": [None, len(accounts)],
                    "decisions": [None, counts], "followups": [None, len(to_fix)],
                    "sha256": [None, report.blob.sha256],
                    "pdf_sha256": [None, pdf.blob.sha256 if pdf else None]})  # fmt: skip
    law.complete_from_record(
        actor=actor, key=OBLIGATION, done_on=today,
        note=compose(REVIEW_NOTE, title=review.title, system=review.system.name, accounts=len(accounts),
                     keep=counts["keep"], change=counts["change"], revoke=counts["revoke"]),
    )  # fmt: skip
    return review


def _raise_action(*, actor: Any, review: Review, followup: FollowUp, owner: Any) -> None:
    """The follow-up as a corrective action in the assessment module (in progress, with owner and due date);
    closing that action completes the follow-up (``action_closed``)."""
    from shouhu.assessment import services as assessment

    account = followup.account
    verb = "撤銷" if account.decision == Decision.REVOKE else "調整權限"  # kept text: Traditional Chinese
    who = account.display_name or (account.person.name if account.person else "")
    title = f"{review.system.name}：{verb}帳號 {account.username}" + (f"（{who}）" if who else "")
    action = assessment.raise_outside_finding(
        actor=actor, source="access", severity="high" if account.decision == Decision.REVOKE else "medium",
        title=title[:300], description=f"審查決定：{verb}；理由：{account.reason}",
        origin=f"存取權限審查「{review.title}」（R-{review.pk}）"[:300],
        action={
            "title": f"{verb}帳號：{review.system.name} {account.username}"[:300],
            "cause": f"存取權限審查決定{verb}此帳號，理由：{account.reason}",
            "measures": f"於「{review.system.name}」{verb}帳號 {account.username}，並保留系統之異動紀錄。",
            "owner": owner, "due_on": followup.due_on,
        },
    )  # fmt: skip
    followup.action_id = action.pk
    followup.save(update_fields=["action"])


def action_closed(*, actor: Any, action: Any) -> None:
    """A corrective action closed (assessment's hook): the access-review follow-up it stands for is done."""
    followup = FollowUp.objects.select_for_update().filter(action_id=action.pk, done_at__isnull=True).first()
    if followup is None:
        return
    note = f"矯正措施 CA-{action.pk} 已結案"  # kept text: Traditional Chinese
    if action.record:
        note = f"{note}：{action.record}"
    followup.done_at, followup.done_by, followup.note = timezone.now(), _user(actor), note[:500]
    followup.save(update_fields=["done_at", "done_by", "note"])
    record(actor=actor, action="people.followup_done", obj=followup,
           changes={"done_at": [None, followup.done_at.isoformat()], "note": [None, followup.note],
                    "action": [None, action.pk]})  # fmt: skip


def _store_results(*, actor: Any, review: Review) -> tuple[Any, Any]:
    """The closed review's result as XLSX and PDF, each locked in the evidence store with its SHA-256. The PDF
    needs WeasyPrint and a CJK font; without them the review closes with the XLSX only (the page says so)."""
    from shouhu.core.exports import ExportError
    from shouhu.people.exports import review_pdf, review_xlsx

    common = {"actor": actor, "check_perm": False, "locked": True, "context": f"people.review:{review.pk}"}
    # internal files: their names follow the reader's language (``evidence.names``)
    xlsx_name = compose(names.ACCESS_REVIEW, review=review.pk, ext="xlsx")
    review.report = evidence.store(file=review_xlsx(review), filename=xlsx_name.text, named=xlsx_name,
                                   description=f"存取權限審查結果：{review.title}", **common)  # fmt: skip
    try:
        data = review_pdf(review)
    except ExportError:
        data = None
    if data is not None:
        pdf_name = compose(names.ACCESS_REVIEW, review=review.pk, ext="pdf")
        review.report_pdf = evidence.store(file=data, filename=pdf_name.text, named=pdf_name,
                                           description=f"存取權限審查結果（PDF）：{review.title}", **common)  # fmt: skip
    review.save(update_fields=["report", "report_pdf"])
    return review.report, review.report_pdf


@transaction.atomic
def complete_followup(*, actor: Any, followup: FollowUp, note: str) -> FollowUp:
    """Record that an account was revoked or changed in the system, with what was done."""
    require(actor, "people.manage")
    followup = FollowUp.objects.select_for_update().get(pk=followup.pk)
    if followup.done_at is not None:
        raise ValidationError(_("此待辦已完成。"))
    if followup.action_id is not None:
        raise ValidationError(
            _("此待辦以矯正措施 CA-{pk} 追蹤，請於該矯正措施結案，結案即完成此待辦。").format(
                pk=followup.action_id
            )
        )
    note = note.strip()
    if not note:
        raise ValidationError({"note": _("請說明處理方式（例如：已於系統停用帳號）。")})
    followup.done_at, followup.done_by, followup.note = timezone.now(), _user(actor), note[:500]
    followup.save(update_fields=["done_at", "done_by", "note"])
    record(actor=actor, action="people.followup_done", obj=followup,
           changes={"done_at": [None, followup.done_at.isoformat()], "note": [None, followup.note]})  # fmt: skip
    return followup


# --- offboarding --------------------------------------------------------------------------------------


def _checklist(person: Person) -> list[tuple[str, int | None, str]]:
    """The items a leaver's checklist starts with: one per system they hold an account on (from access
    reviews) or own in the inventory, their Shouhu account, media, equipment, personal data."""
    from shouhu.people.selectors import systems_of

    items: list[tuple[str, int | None, str]] = [
        (ItemKind.ACCOUNT, sid, _("停用帳號：{system}").format(system=name))
        for sid, name in systems_of(person)
    ]
    if person.user_id:
        items.append((ItemKind.SHOUHU, None, _("停用守護帳號")))
    items += [
        (ItemKind.MEDIA, None, _("歸還儲存媒體（隨身碟、外接硬碟、紙本資料）")),
        (ItemKind.EQUIPMENT, None, _("歸還設備（筆電、門禁卡、權杖）")),
        (ItemKind.DATA, None, _("刪除或返還持有之個人資料")),
    ]
    return items


@transaction.atomic
def start_offboarding(*, actor: Any, person: Person, leaving_on: dt.date) -> Offboarding:
    """Mark a person as leaving: opens the checklist (audited)."""
    require(actor, "people.manage")
    check_dates({"leaving_on": (_("離職日"), leaving_on)}, span=Span.PLAN)
    Person.objects.select_for_update().filter(pk=person.pk).first()
    if Offboarding.objects.filter(person=person, closed_at__isnull=True).exists():
        raise ValidationError(_("{name} 已有進行中的離職檢核。").format(name=person.name))
    offboarding = create_record(
        actor=actor, model=Offboarding,
        data={"person": person, "leaving_on": leaving_on, "opened_by": _user(actor)},
        fields=["person", "leaving_on", "opened_by"],
    )  # fmt: skip
    OffboardingItem.objects.bulk_create(
        OffboardingItem(offboarding=offboarding, kind=kind, system_id=sid, title=title)
        for kind, sid, title in _checklist(person)
    )
    return offboarding


def _open_offboarding(offboarding: Offboarding) -> None:
    if offboarding.closed_at is not None:
        raise ValidationError(_("此離職檢核已完成，不能再修改。"))


@transaction.atomic
def add_item(*, actor: Any, offboarding: Offboarding, title: str) -> OffboardingItem:
    require(actor, "people.manage")
    _open_offboarding(offboarding)
    title = title.strip()
    if not title:
        raise ValidationError({"title": _("請填寫項目。")})
    return create_record(
        actor=actor, model=OffboardingItem,
        data={"offboarding": offboarding, "kind": ItemKind.OTHER, "title": title},
        fields=["offboarding", "kind", "title"],
    )  # fmt: skip


@transaction.atomic
def resolve_item(*, actor: Any, item: OffboardingItem, outcome: str, note: str = "") -> OffboardingItem:
    """Mark one item done, or not applicable (with the reason)."""
    require(actor, "people.manage")
    item = OffboardingItem.objects.select_for_update().select_related("offboarding").get(pk=item.pk)
    _open_offboarding(item.offboarding)
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": _("請選擇已完成或不適用。")})
    note = note.strip()
    if outcome == Outcome.NOT_APPLICABLE and not note:
        raise ValidationError({"note": _("標示不適用時請說明原因。")})
    before = item.outcome or None
    item.outcome, item.note, item.resolved_by, item.resolved_at = (
        outcome,
        note[:500],
        _user(actor),
        timezone.now(),
    )
    item.save(update_fields=["outcome", "note", "resolved_by", "resolved_at"])
    record(actor=actor, action="people.offboarding_item_resolved", obj=item,
           changes={"outcome": [before, outcome], "note": [None, item.note]})  # fmt: skip
    if item.kind == ItemKind.SHOUHU and outcome == Outcome.DONE:
        _disable_login(actor=actor, offboarding=item.offboarding)
    return item


def _disable_login(*, actor: Any, offboarding: Offboarding) -> None:
    """The leaver can no longer sign in to Shouhu: account disabled, sessions ended, API tokens revoked
    (audited by the accounts service), and the checklist's Shouhu item shows done."""
    person = Person.objects.select_related("user").get(pk=offboarding.person_id)
    if person.user is None:
        return
    user = person.user
    if getattr(actor, "pk", None) == user.pk:
        raise ValidationError(_("不可停用自己的守護帳號，請由其他管理者處理離職檢核。"))
    user_accounts.disable_login(
        actor=actor, user=user, check_perm=False,
        reason=_("離職檢核：{name}（離職日 {day}）").format(name=person.name, day=offboarding.leaving_on.isoformat()),
    )  # fmt: skip
    now = timezone.now()
    for item in offboarding.items.filter(kind=ItemKind.SHOUHU).exclude(outcome=Outcome.DONE):
        before = item.outcome or None
        item.outcome, item.resolved_by, item.resolved_at = Outcome.DONE, _user(actor), now
        item.note = item.note or _("結案時已停用守護帳號")
        item.save(update_fields=["outcome", "note", "resolved_by", "resolved_at"])
        record(actor=actor, action="people.offboarding_item_resolved", obj=item,
               changes={"outcome": [before, Outcome.DONE], "note": [None, item.note]})  # fmt: skip


@transaction.atomic
def close_offboarding(*, actor: Any, offboarding: Offboarding) -> Offboarding:
    """Close when every item is resolved and the leaving day has come; the person is then no longer 在職 and
    can no longer sign in to Shouhu (account disabled, sessions ended, API tokens revoked)."""
    require(actor, "people.manage")
    offboarding = Offboarding.objects.select_for_update().select_related("person").get(pk=offboarding.pk)
    _open_offboarding(offboarding)
    pending = offboarding.items.filter(outcome="").count()
    if pending:
        raise ValidationError(_("尚有 {n} 個項目未完成，不能結案。").format(n=pending))
    if offboarding.leaving_on > timezone.localdate():
        raise ValidationError(_("離職日尚未到，不能結案。"))
    _disable_login(actor=actor, offboarding=offboarding)
    offboarding.closed_at, offboarding.closed_by = timezone.now(), _user(actor)
    offboarding.save(update_fields=["closed_at", "closed_by"])
    record(actor=actor, action="people.offboarding_closed", obj=offboarding,
           changes={"closed_at": [None, offboarding.closed_at.isoformat()]})  # fmt: skip
    if offboarding.person.active:
        organization_services.update_person(actor=actor, person=offboarding.person, data={"active": False})
    return offboarding
