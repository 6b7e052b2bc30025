"""Fixtures for transfers and retention: a company, an officer, an auditor, a client."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

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
    return ClientFactory(name="甲電商股份有限公司")
