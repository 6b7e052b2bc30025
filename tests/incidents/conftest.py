"""Fixtures for the incident tests: a company, clients with contacts, a 總負責人, an officer, an incident."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.utils import timezone

from shouhu.incidents import services
from shouhu.incidents.models import Incident
from shouhu.organization.models import ClientContact, Designation
from tests.factories import ClientFactory, CompanyFactory, PersonFactory


@pytest.fixture
def company(db: Any) -> Any:
    return CompanyFactory(address="臺北市大安區信義路三段41-3號", representative="黃大華")


@pytest.fixture
def officer(make_user: Callable[..., Any]) -> Any:
    user = make_user("pd_officer", username="officer", email="officer@example.com")
    PersonFactory(
        user=user, name="王小明", email="officer@example.com", phone="02-2700-0000", job_title="個資管理專員"
    )
    return user


@pytest.fixture
def chief(db: Any) -> Any:
    person = PersonFactory(name="陳總", email="chief@example.com")
    return Designation.objects.create(kind=Designation.Kind.PRIVACY, person=person, position="副總經理")


@pytest.fixture
def client_a(db: Any) -> Any:
    client = ClientFactory(name="甲電商股份有限公司", industry_code="4871")
    ClientContact.objects.create(
        client=client, name="李窗口", email="security@a.example.com", is_security_contact=True
    )
    ClientContact.objects.create(client=client, name="業務", email="sales@a.example.com")
    return client


@pytest.fixture
def now() -> dt.datetime:
    return timezone.now().replace(microsecond=0)


@pytest.fixture
def facts(now: dt.datetime) -> dict[str, Any]:
    return {
        "title": "會員資料外洩",
        "occurred_at": now - dt.timedelta(hours=30),
        "discovered_at": now - dt.timedelta(hours=20),
        "aware_at": now - dt.timedelta(hours=19),
        "kinds": ["leak"],
        "general_records": 1200,
        "summary": "駭客利用境外IP發動攻擊，在系統後台植入木馬程式，竊取消費者資料。",
        "damage": "已掌握 3 筆詐騙通報。",
        "consequences": "利用個資進行電話詐騙",
        "measures_taken": "已刪除木馬程式並阻擋境外IP。",
        "measures_planned": "變更資料修改權限並加上二次驗證。",
        "subject_notice_plan": "配合客戶發送簡訊及電子郵件通知消費者。",
        "serious": True,
    }


@pytest.fixture
def incident(
    company: Any, officer: Any, client_a: Any, chief: Any, facts: dict[str, Any]
) -> Iterator[Incident]:
    return services.report_incident(actor=officer, data=facts, clients=[client_a])
