"""Fixtures for the inventory and risk tests: seeded MOJ codes, an organisation and a file builder."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from shouhu.accounts.models import User
from shouhu.inventory import services
from shouhu.inventory.models import Category, PersonalDataFile, Purpose, System
from shouhu.inventory.reference import seed_moj_codes
from tests.factories import ClientFactory, CompanyFactory, DepartmentFactory


@pytest.fixture
def seeded(db: Any) -> None:
    seed_moj_codes()


@pytest.fixture
def org(seeded: None) -> dict[str, Any]:
    return {
        "company": CompanyFactory(),
        "it": DepartmentFactory(name="資訊部"),
        "hr": DepartmentFactory(name="人資部"),
        "shop": ClientFactory(name="好物商城股份有限公司"),
        "clinic": ClientFactory(name="安心診所"),
    }


@pytest.fixture
def officer(make_user: Callable[..., User]) -> User:
    return make_user("pd_officer", username="officer")


@pytest.fixture
def system(org: dict[str, Any], officer: User) -> System:
    return services.create_system(
        actor=officer,
        data={
            "name": "會員資料庫",
            "kind": "client_store",
            "department": org["it"],
            "location": "cloud",
            "cloud_provider": "GCP",
            "region": "asia-east1",
            "network_zone": "db",
            "holds_real_data": True,
            "hosting": "self",
        },
        clients=[org["shop"]],
    )


@pytest.fixture
def file_data(org: dict[str, Any]) -> Callable[..., dict[str, Any]]:
    def make(**overrides: Any) -> dict[str, Any]:
        data: dict[str, Any] = {
            "name": "會員資料",
            "department": org["it"],
            "business_process": "電商會員服務",
            "role": "processor",
            "client": org["shop"],
            "data_subjects": ["consumer"],
            "legal_bases": ["2"],
            "special_categories": [],
            "records_general": 12000,
            "records_special": 0,
            "counted_on": dt.date(2026, 11, 1),
            "purposes": [Purpose.objects.get(code="148"), Purpose.objects.get(code="090")],
            "categories": [Category.objects.get(code="C001"), Category.objects.get(code="C002")],
            "systems": [],
            "cross_border": False,
            "countries": [],
            "retention_period": "契約存續期間及終止後一年",
            "lifecycle_collection": "會員註冊網頁",
            "lifecycle_use": "出貨與客服",
            "lifecycle_deletion": "到期自動刪除",
        }
        data.update(overrides)
        return data

    return make


@pytest.fixture
def make_file(officer: User, file_data: Callable[..., dict[str, Any]]) -> Callable[..., PersonalDataFile]:
    def make(**overrides: Any) -> PersonalDataFile:
        return services.create_file(actor=officer, data=file_data(**overrides))

    return make
