"""Fixtures for client contracts, client audits and security tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from shouhu.inventory.models import System
from tests.factories import ClientFactory, CompanyFactory


@pytest.fixture
def company(db: Any) -> Any:
    return CompanyFactory(name="守護資訊股份有限公司", representative="黃大華")


@pytest.fixture
def officer(make_user: Callable[..., Any], company: Any) -> Any:
    return make_user("pd_officer", username="officer")


@pytest.fixture
def auditor(make_user: Callable[..., Any], company: Any) -> Any:
    return make_user("auditor", username="auditor")


@pytest.fixture
def client_a(db: Any) -> Any:
    return ClientFactory(name="甲電商股份有限公司", industry_code="4871")


@pytest.fixture
def client_b(db: Any) -> Any:
    return ClientFactory(name="乙市政府資訊中心")


@pytest.fixture
def system(db: Any) -> System:
    return System.objects.create(name="會員系統", kind="client_store", location="cloud", network_zone="db")


@pytest.fixture
def contract_data(client_a: Any) -> dict[str, Any]:
    return {
        "client": client_a,
        "number": "C-2026-001",
        "title": "電商平台維運契約",
        "services": "電商平台代管及維運",
        "notice_hours": 24,
        "active": True,
    }
