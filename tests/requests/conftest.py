"""Fixtures for the request tests: a company, an officer, a client with a contact, a received time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from shouhu.organization.models import ClientContact
from tests.factories import ClientFactory, CompanyFactory


@pytest.fixture
def company(db: Any) -> Any:
    return CompanyFactory(name="守護資訊股份有限公司")


@pytest.fixture
def officer(make_user: Callable[..., Any], company: Any) -> Any:
    return make_user("pd_officer", username="officer", email="officer@example.com")


@pytest.fixture
def auditor(make_user: Callable[..., Any], company: Any) -> Any:
    return make_user("auditor", username="auditor")


@pytest.fixture
def client_a(db: Any) -> Any:
    client = ClientFactory(name="甲電商股份有限公司", industry_code="4871")
    ClientContact.objects.create(client=client, name="李窗口", email="privacy@a.example.com")
    return client


@pytest.fixture
def received() -> dt.datetime:
    return (timezone.now() - dt.timedelta(hours=2)).replace(microsecond=0)


@pytest.fixture
def open_case(officer: Any, received: dt.datetime) -> Callable[..., Any]:
    from shouhu.requests import services

    def make(kind: str = "query_or_read", **extra: Any) -> Any:
        data: dict[str, Any] = {
            "kind": kind,
            "received_at": received,
            "channel": "email",
            "requester_name": "林小姐",
            "requester_email": "lin@example.com",
            "data_concerned": "會員姓名、電話、訂單紀錄",
        }
        data.update(extra)
        return services.open_request(actor=officer, **data)

    return make
