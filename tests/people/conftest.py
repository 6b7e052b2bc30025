"""Fixtures for people and access: the inventory's organisation and a system holding personal data, an
officer who manages, a reviewer (一般員工 assigned to a review) and people matched to accounts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from shouhu.accounts.models import User
from shouhu.inventory.models import System
from shouhu.people import services
from shouhu.people.models import Review
from tests.factories import PersonFactory
from tests.inventory.conftest import file_data, make_file, org, seeded, system  # noqa: F401

PDF = b"%PDF-1.4\n signed undertaking\n%%EOF\n"


@pytest.fixture
def officer(make_user: Callable[..., User]) -> User:
    return make_user("pd_officer", username="officer")


@pytest.fixture
def reviewer(make_user: Callable[..., User]) -> User:
    return make_user("staff", username="owner")


@pytest.fixture
def bystander(make_user: Callable[..., User]) -> User:
    return make_user("staff", username="other")


@pytest.fixture
def staff(org: dict[str, Any]) -> dict[str, Any]:  # noqa: F811
    return {
        "wu": PersonFactory(name="吳承翰", employee_no="E001", email="wu@example.tw", department=org["it"]),
        "lee": PersonFactory(name="李冠廷", employee_no="E002", email="lee@example.tw", department=org["hr"]),
    }


@pytest.fixture
def review(officer: User, reviewer: User, system: System) -> Review:  # noqa: F811
    return services.create_review(
        actor=officer, system_id=system.pk, title="會員資料庫 115 年下半年權限審查",
        due_on=timezone.localdate() + dt.timedelta(days=14), reviewers=[reviewer],
    )  # fmt: skip


@pytest.fixture
def accounts(officer: User, review: Review, staff: dict[str, Any]) -> Review:
    services.add_accounts(actor=officer, review=review, rows=[
        services.AccountRow(username="wu", display_name="吳承翰", employee_no="E001", privileges="admin"),
        services.AccountRow(username="lee.k", email="LEE@example.tw", privileges="read"),
        services.AccountRow(username="temp01", display_name="外包人員", privileges="read"),
    ])  # fmt: skip
    return review


@pytest.fixture
def close_action(officer: User) -> Callable[..., Any]:
    """Walk a corrective action to 已結案 the way its page does (five steps filled, reviewed, closed)."""
    from shouhu.assessment.findings import transition_action, update_action

    def close(action: Any, record: str = "已處理") -> Any:
        update_action(actor=officer, action=action, data={
            "effectiveness": "已確認帳號無法登入", "measures_update": "無須更新", "record": record,
        })  # fmt: skip
        transition_action(actor=officer, action=action, to="awaiting_review")
        return transition_action(actor=officer, action=action, to="closed")

    return close
