"""Fixtures for the drill tests: two departments with staff, an officer, a held drill, a GoPhish CSV."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from shouhu.drills import services
from tests.factories import DepartmentFactory, PersonFactory

GOPHISH_HEADER = (
    "id,status,ip,latitude,longitude,send_date,reported,modified_date,email,first_name,last_name,position"
)


def gophish_csv(*rows: tuple[str, str, str]) -> bytes:
    """A GoPhish results export: (email, status, reported) per row, other columns as GoPhish writes them."""
    lines = [GOPHISH_HEADER]
    for i, (email, status, reported) in enumerate(rows):
        lines.append(
            f"r{i}AbCd,{status},203.0.113.{i + 7},25.0330,121.5654,2026-11-02T09:00:00.123456789Z,{reported},"
            f"2026-11-02T09:12:00Z,{email},名{i},姓,工程師"
        )
    return ("\n".join(lines) + "\n").encode()


@pytest.fixture
def officer(make_user: Callable[..., Any]) -> Any:
    return make_user("pd_officer", username="officer")


@pytest.fixture
def staff(db: Any) -> dict[str, Any]:
    it, sales = DepartmentFactory(name="資訊部"), DepartmentFactory(name="業務部")
    return {
        "it": it, "sales": sales,
        "wu": PersonFactory(name="吳承翰", email="wu@example.com", department=it),
        "lee": PersonFactory(name="李冠廷", email="Lee@Example.com", department=it),
        "chen": PersonFactory(name="陳怡君", email="chen@example.com", department=sales),
        "lin": PersonFactory(name="林雅婷", email="lin@example.com", department=sales),
    }  # fmt: skip


@pytest.fixture
def drill(officer: Any) -> Any:
    return services.create_drill(
        actor=officer, title="115年下半年社交工程演練", held_on=timezone.localdate() - dt.timedelta(days=3),
        scenario="假冒人資部寄送「年終獎金試算」連結，誘導輸入帳號密碼。", audience="全體員工",
    )  # fmt: skip
