"""The plan's training chapter and the 實施情形 ZIP read the drills."""

from __future__ import annotations

import pytest

from shouhu.drills import services
from shouhu.drills.models import Stage
from shouhu.plan import chapters
from tests.plan.conftest import report_zip  # noqa: F401

pytestmark = pytest.mark.django_db


def _training_facts(officer):
    content = chapters.build(actor=officer)
    chapter = next(c for c in content["chapters"] if c["key"] == "training")
    return {label: value for label, value, _source in chapter["facts"]}, chapter["missing"]


def test_without_drill_results_the_plan_lists_them_as_missing(officer, drill):
    facts, missing = _training_facts(officer)
    assert "尚未建立：社交工程演練紀錄" in missing
    assert "最近一次社交工程演練" not in facts


def test_the_plan_names_the_latest_drill_and_its_rates(officer, staff, drill):
    for person, stage in ((staff["wu"], Stage.SUBMITTED), (staff["chen"], Stage.SENT)):
        services.record_result(actor=officer, drill=drill, person=person, stage=stage, reported=False)
    facts, _missing = _training_facts(officer)
    assert (
        "「115年下半年社交工程演練」：寄達 2 人，點擊率 50.0%，提交資料率 50.0%，回報率 0.0%"
        in (facts["最近一次社交工程演練"])
    )


def test_the_report_zip_lists_the_drills_of_the_period(officer, staff, drill, report_zip):  # noqa: F811
    services.record_result(actor=officer, drill=drill, person=staff["wu"], stage=Stage.CLICKED, reported=True)
    zf = report_zip(officer, days=30)
    text = zf.read("02_實施紀錄/社交工程演練.csv").decode("utf-8-sig")
    assert f"D-{drill.pk},{drill.held_on.isoformat()},115年下半年社交工程演練,1,1,0,1" in text
