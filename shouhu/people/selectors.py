"""Reads for people and access (the plan, the dashboard and the person page read these)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from shouhu.accounts.permissions import has_perm
from shouhu.inventory import selectors as inventory
from shouhu.organization.models import Person
from shouhu.people.models import Account, Decision, FollowUp, Offboarding, Review, ReviewState, Undertaking


def undertakings(person: Person) -> QuerySet[Undertaking]:
    return Undertaking.objects.filter(person=person).select_related("file__blob", "recorded_by")


def current_undertaking(person: Person, on: dt.date | None = None) -> Undertaking | None:
    """The latest signed undertaking still in force on ``on`` (today), or None."""
    today = on or timezone.localdate()
    return (
        undertakings(person)
        .filter(signed_on__lte=today)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
        .first()
    )


def reviews() -> QuerySet[Review]:
    return Review.objects.select_related("system").annotate(
        total=Count("accounts", distinct=True),
        decided=Count("accounts", filter=~Q(accounts__decision=""), distinct=True),
    )


def reviews_for(user: Any) -> QuerySet[Review]:
    """Every review for those who may see all of them; otherwise only the reviews assigned to ``user``."""
    if has_perm(user, "people.view"):
        return reviews()
    if not has_perm(user, "people.review"):
        return Review.objects.none()
    return reviews().filter(reviewers=user)


def may_see(user: Any, review: Review) -> bool:
    return reviews_for(user).filter(pk=review.pk).exists()


def accounts(review: Review, *, undecided: bool = False) -> QuerySet[Account]:
    qs = review.accounts.select_related("person", "decided_by", "followup").order_by("username")
    return qs.filter(decision="") if undecided else qs


def followups(*, open_only: bool = True) -> QuerySet[FollowUp]:
    qs = FollowUp.objects.select_related("account__review__system", "account__person", "done_by")
    return qs.filter(done_at__isnull=True) if open_only else qs


def offboardings(*, open_only: bool = True) -> QuerySet[Offboarding]:
    qs = Offboarding.objects.select_related("person__department").annotate(
        total=Count("items"), pending=Count("items", filter=Q(items__outcome=""))
    )
    return qs.filter(closed_at__isnull=True) if open_only else qs


def open_offboarding(person: Person) -> Offboarding | None:
    return offboardings().filter(person=person).first()


def accounts_of(person: Person) -> list[Account]:
    """The person's account in the latest review of each system that listed them."""
    latest: dict[int, Account] = {}
    rows = (
        Account.objects.filter(person=person)
        .select_related("review__system", "followup")
        .order_by("review__created_at", "review_id")
    )
    for account in rows:
        latest[account.review.system_id] = account
    return sorted(latest.values(), key=lambda a: a.review.system.name)


def _still_open(account: Account) -> bool:
    """False once a revocation was decided and the follow-up recorded as done."""
    if account.decision != Decision.REVOKE:
        return True
    followup = getattr(account, "followup", None)
    return followup is None or followup.done_at is None


def systems_of(person: Person) -> list[tuple[int, str]]:
    """Systems the person holds an account on (access reviews) or owns (inventory 負責人), by name."""
    found = {a.review.system_id: a.review.system.name for a in accounts_of(person) if _still_open(a)}
    for system in inventory.systems().filter(owner=person.name):
        found.setdefault(system.pk, system.name)
    return sorted(found.items(), key=lambda item: item[1])


@dataclass(frozen=True)
class Handling:
    """Whether a person handles personal data, derived from the inventory: True, False, or None (unknown),
    with the reasons in words."""

    value: bool | None
    reasons: list[str] = field(default_factory=list)


def handles_personal_data(
    person: Person,
    holders: inventory.PersonalDataHolders | None = None,
    person_accounts: list[Account] | None = None,
) -> Handling:
    holders = holders or inventory.personal_data_holders()
    reasons: list[str] = []
    files = holders.files_per_department.get(person.department_id or 0, 0)
    if files:
        reasons.append(
            _("所屬部門「{department}」為 {n} 個個人資料檔案之權責部門").format(
                department=person.department.name if person.department else "", n=files
            )
        )
    holding = {s.id: s for s in holders.systems}
    for system in holders.systems:
        if system.owner and system.owner.strip() == person.name:
            reasons.append(_("為存有個資之系統「{system}」的負責人").format(system=system.name))
    for account in person_accounts if person_accounts is not None else accounts_of(person):
        held = holding.get(account.review.system_id)
        if held is not None and _still_open(account):
            reasons.append(
                _("於存有個資之系統「{system}」有帳號 {username}").format(
                    system=held.name, username=account.username
                )
            )
    if reasons:
        return Handling(True, reasons)
    if not holders.files_total and not holders.systems:
        return Handling(None, [_("個資盤點尚無檔案或系統，無法判斷。")])
    if person.department_id is None:
        return Handling(None, [_("未設定部門，無法依盤點判斷。")])
    return Handling(False, [_("盤點中沒有連結到此人員之部門、系統或帳號的個人資料。")])


@dataclass(frozen=True)
class PersonRow:
    person: Person
    undertaking: Undertaking | None
    handling: Handling
    offboarding: Offboarding | None


def overview(*, q: str = "", department_id: int | None = None) -> list[PersonRow]:
    """Active people with their undertaking, whether they handle personal data and any open offboarding."""
    from shouhu.organization import selectors as organization

    people = list(organization.people(q=q, department_id=department_id, active=True))
    ids = [p.pk for p in people]
    today = timezone.localdate()
    signed: dict[int, Undertaking] = {}
    for u in (
        Undertaking.objects.filter(person_id__in=ids, signed_on__lte=today)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
        .order_by("signed_on", "id")
    ):
        signed[u.person_id] = u
    leaving = {o.person_id: o for o in offboardings().filter(person_id__in=ids)}
    holders = inventory.personal_data_holders()
    by_person: dict[int, list[Account]] = {}
    for account in (
        Account.objects.filter(person_id__in=ids)
        .select_related("review__system", "followup")
        .order_by("review__created_at", "review_id")
    ):
        rows = by_person.setdefault(account.person_id or 0, [])
        rows[:] = [a for a in rows if a.review.system_id != account.review.system_id] + [account]
    return [
        PersonRow(
            p, signed.get(p.pk), handles_personal_data(p, holders, by_person.get(p.pk, [])), leaving.get(p.pk)
        )
        for p in people
    ]


@dataclass(frozen=True)
class Summary:
    """For the dashboard and the plan's personnel chapter."""

    people: int
    with_undertaking: int
    handling: int
    handling_without_undertaking: int
    unknown: int
    open_reviews: int
    last_review_closed_on: dt.date | None
    open_followups: int
    overdue_followups: int
    open_offboardings: int


def summary(on: dt.date | None = None) -> Summary:
    today = on or timezone.localdate()
    rows = overview()
    handling = [r for r in rows if r.handling.value is True]
    last = (
        Review.objects.filter(state=ReviewState.CLOSED)
        .order_by("-closed_at")
        .values_list("closed_at", flat=True)
        .first()
    )
    open_followups = followups()
    return Summary(
        people=len(rows),
        with_undertaking=sum(1 for r in rows if r.undertaking is not None),
        handling=len(handling),
        handling_without_undertaking=sum(1 for r in handling if r.undertaking is None),
        unknown=sum(1 for r in rows if r.handling.value is None),
        open_reviews=Review.objects.filter(state=ReviewState.OPEN).count(),
        last_review_closed_on=timezone.localdate(last) if last else None,
        open_followups=open_followups.count(),
        overdue_followups=open_followups.filter(due_on__lt=today).count(),
        open_offboardings=offboardings().count(),
    )


def closed_reviews(*, since: dt.date | None = None) -> QuerySet[Review]:
    """Closed access reviews, newest first (the plan's personnel chapter and the 實施情形 read these)."""
    qs = (
        reviews()
        .filter(state=ReviewState.CLOSED)
        .annotate(
            revoked=Count("accounts", filter=Q(accounts__decision=Decision.REVOKE), distinct=True),
            changed=Count("accounts", filter=Q(accounts__decision=Decision.CHANGE), distinct=True),
        )
        .select_related("report__blob", "report_pdf__blob", "system")
        .order_by("-closed_at", "-id")
    )
    if since is not None:
        tz = timezone.get_current_timezone()
        qs = qs.filter(closed_at__gte=dt.datetime.combine(since, dt.time.min, tzinfo=tz))
    return qs


def decision_counts(review: Review) -> tuple[int, int, int]:
    """(accounts, revoked, changed) of a review from ``closed_reviews`` (its annotations)."""
    return (getattr(review, "total", 0), getattr(review, "revoked", 0), getattr(review, "changed", 0))


def offboardings_between(start: dt.date, end: dt.date) -> list[Offboarding]:
    """Offboarding checklists of people leaving in [start, end] or closed then, with their items (the
    實施情形 report's personnel records)."""
    tz = timezone.get_current_timezone()
    first = dt.datetime.combine(start, dt.time.min, tzinfo=tz)
    after = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    return list(
        Offboarding.objects.filter(
            Q(leaving_on__gte=start, leaving_on__lte=end) | Q(closed_at__gte=first, closed_at__lt=after)
        )
        .select_related("person", "closed_by")
        .prefetch_related("items")
        .order_by("leaving_on", "id")
    )
