"""Fixtures for the law module's tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from shouhu.accounts.models import User
from tests.factories import ClientFactory, CompanyFactory


@pytest.fixture
def officer(make_user: Callable[..., User]) -> User:
    """個資管理專員: holds law.manage."""
    return make_user("pd_officer", username="officer", email="officer@example.com")


@pytest.fixture
def auditor(make_user: Callable[..., User]) -> User:
    """稽核人員: law.view only."""
    return make_user("auditor", username="auditor")


@pytest.fixture
def company(db: Any) -> Any:
    return CompanyFactory()


@pytest.fixture
def client_row(db: Any) -> Any:
    return ClientFactory(name="甲電信股份有限公司")


def set_profile(company: Any, **values: Any) -> None:
    """Change the company profile (the only place its type, capital and industry code are kept)."""
    from shouhu.organization.models import CompanyProfile

    CompanyProfile.objects.filter(pk=company.pk).update(**values)


def company_data(**overrides: Any) -> dict[str, Any]:
    """Law facts of our company beyond its profile (the factory's profile: 6201, 股份有限公司, NT$12M)."""
    data: dict[str, Any] = {
        "industry_codes": [], "business_item_codes": [], "registered_capital": None, "is_government_agency": False,
        "special_reasons": [], "sectors": [], "consumer_records": 100, "records_from_inventory": False,
        "hospital_beds": None, "ncc_categories": [], "ncc_subscribers": None, "collects_customer_data": None,
        "threshold_reached_on": None, "resuming_after_suspension": False, "government_contracts": False,
    }  # fmt: skip
    data.update(overrides)
    return data


def client_data(**overrides: Any) -> dict[str, Any]:
    """Law facts of a client beyond its record (industry code and service types are the record's)."""
    data = company_data(consumer_records=None)
    data.pop("government_contracts")
    data.update(company_type="", paid_in_capital=None)
    data.update(overrides)
    return data
