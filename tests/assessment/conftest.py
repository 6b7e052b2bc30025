"""Fixtures for the assessment tests: users by role and assessments in each state."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from shouhu.assessment import services
from shouhu.assessment.models import Answer, Assessment, Result


@pytest.fixture
def officer(make_user: Callable[..., Any]) -> Any:
    return make_user("pd_officer", username="officer")


@pytest.fixture
def auditor(make_user: Callable[..., Any]) -> Any:
    return make_user("auditor", username="auditor")


@pytest.fixture
def chief(make_user: Callable[..., Any]) -> Any:
    return make_user("pd_chief", username="chief")


@pytest.fixture
def staff(make_user: Callable[..., Any]) -> Any:
    return make_user("staff", username="staff")


def new_assessment(
    actor: Any, tables: str = "pd", kind: str = "self", on: dt.date | None = None, **extra: Any
) -> Assessment:
    """An assessment of 守護資訊股份有限公司 (the whole company), dated 2026-11-20 unless ``on``."""
    data = {
        "kind": kind,
        "tables": tables,
        "company_name": "守護資訊股份有限公司",
        "assessed_on": on or dt.date(2026, 11, 20),
        "scope": "全公司",
        **extra,
    }
    return services.create_assessment(actor=actor, data=data, assessors=[actor])


@pytest.fixture
def make_assessment(officer: Any) -> Callable[..., Assessment]:
    def make(tables: str = "pd", kind: str = "self", on: dt.date | None = None, **extra: Any) -> Assessment:
        return new_assessment(officer, tables, kind, on, **extra)

    return make


def answer_all(
    actor: Any, assessment: Assessment, result: str = Result.CONFORM, overrides: dict[str, str] | None = None
) -> None:
    """Answer every item (blanks of ticked options left unticked so completion passes)."""
    overrides = overrides or {}
    for answer in Answer.objects.filter(assessment=assessment).order_by("position"):
        chosen = overrides.get(answer.item_id, result)
        data: dict[str, Any] = {"result": chosen, "explanation": f"說明 {answer.item_id}"}
        if chosen == Result.NOT_APPLICABLE:
            data.update(applicable=False, na_reason="本公司無此業務")
        else:
            data["applicable"] = True
        services.save_answer(
            actor=actor, assessment=assessment, item_id=answer.item_id, data=data, version=answer.version
        )


def completed_self_check(actor: Any, overrides: dict[str, str]) -> Assessment:
    """A completed 個資 self-check, every item 符合 but ``overrides`` (the assurance pack and 實施情形 tests)."""
    assessment = new_assessment(actor)
    answer_all(actor, assessment, overrides=overrides)
    return services.complete(actor=actor, assessment=assessment)


@pytest.fixture
def completed(officer: Any) -> Assessment:
    return completed_self_check(officer, {"pd-1.1.1": Result.NONCONFORM, "pd-1.1.2": Result.PARTIAL})
