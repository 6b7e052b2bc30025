"""Fixtures for the document tests: an officer, a 總負責人 who approves, and employees with accounts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from shouhu.accounts.models import User
from shouhu.documents import services
from shouhu.documents.models import DocumentVersion
from tests.factories import DepartmentFactory, PersonFactory


@pytest.fixture
def officer(make_user: Callable[..., User]) -> User:
    return make_user("pd_officer", username="officer")


@pytest.fixture
def chief(make_user: Callable[..., User]) -> User:
    return make_user("pd_chief", username="chief")


@pytest.fixture
def departments(db: Any) -> dict[str, Any]:
    return {"it": DepartmentFactory(name="資訊部"), "hr": DepartmentFactory(name="人資部")}


@pytest.fixture
def employee(make_user: Callable[..., User], departments: dict[str, Any]) -> User:
    user = make_user("staff", username="wu")
    PersonFactory(name="吳承翰", user=user, department=departments["it"], email="wu@example.tw")
    return user


@pytest.fixture
def colleague(make_user: Callable[..., User], departments: dict[str, Any]) -> User:
    user = make_user("staff", username="lee")
    PersonFactory(name="李冠廷", user=user, department=departments["hr"], email="lee@example.tw")
    return user


@pytest.fixture
def policy(officer: User, chief: User) -> DocumentVersion:
    """An approved 個資保護政策 version 1."""
    doc = services.create_document(actor=officer, code="P-01", title="個人資料保護政策", tier="policy")
    version = services.add_version(
        actor=officer, document=doc, file=b"%PDF-1.4\n policy v1", filename="policy.pdf"
    )
    return services.approve_version(actor=chief, version=version)
