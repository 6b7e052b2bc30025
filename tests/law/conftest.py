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


def company_data(**overrides: Any) -> dict[str, Any]:
    """Facts of a moda-regulated IT vendor (6201), as services accept them."""
    data: dict[str, Any] = {
        "industry_codes": ["6201"], "business_item_codes": [], "company_type": "company_limited_by_shares",
        "paid_in_capital": 5_000_000, "registered_capital": None, "is_government_agency": False,
        "special_reasons": [], "sectors": [], "consumer_records": 100, "records_from_inventory": False,
        "hospital_beds": None, "ncc_categories": [], "ncc_subscribers": None, "collects_customer_data": None,
        "threshold_reached_on": None, "resuming_after_suspension": False, "government_contracts": False,
    }  # fmt: skip
    data.update(overrides)
    return data


def client_data(**overrides: Any) -> dict[str, Any]:
    data = company_data(industry_codes=[], company_type="", paid_in_capital=None, consumer_records=None)
    data.pop("government_contracts")
    data["hosting"] = "hosting"
    data.update(overrides)
    return data
