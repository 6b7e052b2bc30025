from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from shouhu.organization.models import Client, CompanyProfile, Department, Designation, Person


def company() -> CompanyProfile | None:
    return CompanyProfile.objects.first()


def departments() -> QuerySet[Department]:
    return Department.objects.select_related("parent").annotate(people_count=Count("people")).order_by("name")


def may_see_contacts(actor: Any, person: Person | None = None) -> bool:
    """Colleagues' e-mail, phone, employee number and account name need ``org.contacts``; everyone sees
    their own. 一般員工 see names, departments and titles only."""
    from shouhu.accounts.permissions import has_perm

    if has_perm(actor, "org.contacts"):
        return True
    return person is not None and person.user_id is not None and person.user_id == getattr(actor, "pk", None)


def people(
    *, actor: Any = None, q: str = "", department_id: int | None = None, active: bool | None = True
) -> QuerySet[Person]:
    """People, filtered. With ``actor`` (a page or the API asking for a user), the search words match
    e-mail, phone and employee number only for readers who may see them (``org.contacts``), so a colleague
    without that permission cannot find who owns an address by searching for it."""
    qs = Person.objects.select_related("department", "user")
    if q:
        match = Q(name__icontains=q) | Q(job_title__icontains=q)
        if actor is None or may_see_contacts(actor):
            match |= Q(email__icontains=q) | Q(phone__icontains=q) | Q(employee_no__icontains=q)
        qs = qs.filter(match)
    if department_id:
        qs = qs.filter(department_id=department_id)
    if active is not None:
        qs = qs.filter(active=active)
    return qs


def clients(*, q: str = "") -> QuerySet[Client]:
    qs = Client.objects.annotate(contact_count=Count("contacts")).order_by("name", "pk")
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(ubn__icontains=q))
    return qs


def manager_ids() -> set[int]:
    """Active people who are the 直屬主管 of at least one active person."""
    return set(
        Person.objects.filter(active=True, reports__active=True).values_list("pk", flat=True).distinct()
    )


def current_designations() -> QuerySet[Designation]:
    return Designation.objects.filter(until__isnull=True).select_related("person")


def person_of_user(user: Any) -> Person | None:
    """The person record linked to an account, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Person.objects.select_related("department").filter(user=user).first()
