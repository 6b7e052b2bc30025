"""factory_boy factories shared by every module's tests."""

from __future__ import annotations

import factory
from django.utils import timezone

from shouhu.accounts.models import RoleAssignment, User
from shouhu.organization.models import Client, CompanyProfile, Department, Person

DEFAULT_PASSWORD = "Corr3ct-Horse-Battery"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.com")
    password_changed_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def password(self, create: bool, extracted: str | None, **kwargs: object) -> None:
        self.set_password(extracted or DEFAULT_PASSWORD)
        if create:
            self.save(update_fields=["password"])


class RoleAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleAssignment

    user = factory.SubFactory(UserFactory)
    role = "staff"
    starts_on = factory.LazyFunction(lambda: timezone.localdate())


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    name = factory.Sequence(lambda n: f"部門{n}")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"員工{n}")
    email = factory.Sequence(lambda n: f"person{n}@example.com")
    department = factory.SubFactory(DepartmentFactory)
    job_title = "工程師"


class ClientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Client

    name = factory.Sequence(lambda n: f"委託者{n}股份有限公司")
    ubn = "04595252"
    service_types = factory.LazyFunction(lambda: ["build", "maintain"])


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CompanyProfile

    name = "守護資訊股份有限公司"
    ubn = "10458570"
    capital_twd = 12_000_000
    company_type = "corporation"
    industry_code = "6201"
