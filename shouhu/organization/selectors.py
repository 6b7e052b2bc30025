from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from shouhu.organization.models import Client, CompanyProfile, Department, Designation, Person


def company() -> CompanyProfile | None:
    return CompanyProfile.objects.first()


def departments() -> QuerySet[Department]:
    return Department.objects.select_related("parent").annotate(people_count=Count("people")).order_by("name")


def people(*, q: str = "", department_id: int | None = None, active: bool | None = True) -> QuerySet[Person]:
    qs = Person.objects.select_related("department", "user")
    if q:
        qs = qs.filter(
            Q(name__icontains=q)
            | Q(email__icontains=q)
            | Q(job_title__icontains=q)
            | Q(employee_no__icontains=q)
        )
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


def current_designations() -> QuerySet[Designation]:
    return Designation.objects.filter(until__isnull=True).select_related("person")


def person_of_user(user: Any) -> Person | None:
    """The person record linked to an account, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Person.objects.select_related("department").filter(user=user).first()
