from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from shouhu.audit.models import AuditEvent
from shouhu.inventory.models import PersonalDataFile, System
from shouhu.risk import services
from shouhu.risk.heatmap import heatmap_svg
from shouhu.risk.models import Risk, RiskMatrix
from shouhu.risk.scoring import current_matrix, level, score
from shouhu.risk.selectors import heat_counts
from tests.factories import RoleAssignmentFactory, UserFactory

SVG = "{http://www.w3.org/2000/svg}"


def system_risk(target: System, **kw: Any) -> dict[str, Any]:
    data = {
        "scope": "system",
        "system": target,
        "threat": "leakage",
        "likelihood": 4,
        "impact": 5,
        "treatment": "reduce",
        "residual_likelihood": 2,
        "residual_impact": 3,
        "owner": "王小明",
        "assessed_on": dt.date(2026, 11, 1),
        "next_review": dt.date(2027, 11, 1),
        "control_items": ["pd-3.1.1"],
    }
    data.update(kw)
    return data


def test_default_matrix_and_levels(db: Any) -> None:
    matrix = current_matrix()
    assert (matrix.likelihood_levels, matrix.impact_levels) == (5, 5)
    assert score(4, 5) == 20
    assert [level(v, matrix) for v in (1, 5, 6, 14, 15, 25)] == [
        "low",
        "low",
        "medium",
        "medium",
        "high",
        "high",
    ]


def test_create_scores_and_first_assessment(officer: Any, system: System) -> None:
    risk = services.create_risk(actor=officer, data=system_risk(system))
    assert (risk.inherent_score, risk.residual_score, risk.version) == (20, 6, 1)
    assert risk.department == system.department
    assert list(risk.assessments.values_list("version", "inherent_score", "residual_score")) == [(1, 20, 6)]
    assert AuditEvent.objects.filter(action="risk.risk.created").exists()


def test_activity_risk_on_a_file(officer: Any, make_file: Callable[..., PersonalDataFile]) -> None:
    pd_file = make_file()
    risk = services.create_risk(
        actor=officer,
        data={
            "scope": "activity",
            "file": pd_file,
            "activity": "external",
            "threat": "theft",
            "likelihood": 2,
            "impact": 2,
        },
    )
    assert str(risk) == "會員資料／外部傳輸／竊取"
    assert risk.treatment == ""  # 4 ≤ acceptable 5: treatment may stay empty


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"system": None}, "system", "須指定系統或設備"),
        ({"activity": "storage"}, "activity", "系統或設備之風險不填作業"),
        ({"scope": "activity", "system": None}, "file", "須指定個人資料檔案"),
        ({"scope": "galaxy"}, "scope", "評估範圍須為"),
        ({"threat": "flood"}, "threat", "威脅須為"),
        ({"likelihood": 6}, "likelihood", "1 到 5"),
        ({"impact": 0}, "impact", "1 到 5"),
        ({"residual_impact": None}, "residual_impact", "須同時填寫"),
        ({"residual_likelihood": 5, "residual_impact": 5}, "residual_likelihood", "不應高於固有風險"),
        ({"treatment": ""}, "treatment", "高於可接受上限"),
        ({"treatment": "pray"}, "treatment", "降低、移轉、避免或接受"),
        ({"treatment": "accept"}, "accepted_by", "具名的風險接受人"),
        ({"treatment": "accept", "accepted_by": "總經理"}, "accepted_on", "接受日期"),
        ({"control_items": ["pd-9.9.9", "x"]}, "control_items", "找不到檢查項目：附錄一 9.9.9、x"),
        ({"next_review": dt.date(2026, 10, 1)}, "next_review", "晚於評估日期"),
    ],
)
def test_risk_validation(
    officer: Any, system: System, overrides: dict[str, Any], field: str, message: str
) -> None:
    with pytest.raises(ValidationError) as exc:
        services.create_risk(actor=officer, data=system_risk(system, **overrides))
    assert any(message in m for m in exc.value.message_dict[field]), exc.value.message_dict


def test_duplicate_risk_refused(officer: Any, system: System) -> None:
    services.create_risk(actor=officer, data=system_risk(system))
    with pytest.raises(ValidationError, match="改為重新評估"):
        services.create_risk(actor=officer, data=system_risk(system))


def test_reassessment_keeps_history(officer: Any, system: System) -> None:
    risk = services.create_risk(actor=officer, data=system_risk(system))
    risk = services.reassess(
        actor=officer,
        risk=risk,
        note="導入 DLP 後",
        data={
            "likelihood": 3,
            "impact": 5,
            "residual_likelihood": 1,
            "residual_impact": 3,
            "treatment": "reduce",
            "assessed_on": dt.date(2026, 12, 1),
            "next_review": dt.date(2027, 6, 1),
        },
    )
    risk = services.reassess(
        actor=officer,
        risk=risk,
        data={
            "likelihood": 2,
            "impact": 2,
            "treatment": "accept",
            "accepted_by": "陳總經理",
            "accepted_on": dt.date(2027, 1, 5),
            "residual_likelihood": None,
            "residual_impact": None,
            "assessed_on": dt.date(2027, 1, 5),
            "next_review": dt.date(2028, 1, 5),
        },
    )
    assert (risk.version, risk.inherent_score, risk.residual_score, risk.accepted_by) == (
        3,
        4,
        None,
        "陳總經理",
    )
    history = list(
        risk.assessments.order_by("version").values_list(
            "version", "inherent_score", "residual_score", "treatment", "note"
        )
    )
    assert history == [
        (1, 20, 6, "reduce", "初次評估"),
        (2, 15, 3, "reduce", "導入 DLP 後"),
        (3, 4, None, "accept", ""),
    ]
    assert AuditEvent.objects.filter(action="risk.risk.updated", object_id=str(risk.pk)).count() == 2


def test_reassessment_validates(officer: Any, system: System) -> None:
    risk = services.create_risk(actor=officer, data=system_risk(system))
    with pytest.raises(ValidationError):
        services.reassess(actor=officer, risk=risk, data={"likelihood": 9})
    risk.refresh_from_db()
    assert risk.version == 1


def test_update_descriptive_fields_only(officer: Any, system: System) -> None:
    risk = services.create_risk(actor=officer, data=system_risk(system))
    risk = services.update_risk(
        actor=officer, risk=risk, data={"description": "資料庫備份外流", "likelihood": 1}
    )
    assert (risk.description, risk.likelihood) == ("資料庫備份外流", 4)


def test_actions(officer: Any, system: System) -> None:
    risk = services.create_risk(actor=officer, data=system_risk(system))
    action = services.add_action(
        actor=officer,
        risk=risk,
        data={"description": "啟用資料庫稽核", "owner": "李工程師", "due_date": dt.date(2027, 1, 31)},
    )
    action = services.complete_action(actor=officer, action=action)
    assert action.status == "done"
    with pytest.raises(ValidationError):
        services.complete_action(actor=officer, action=action)
    with pytest.raises(ValidationError):
        services.add_action(
            actor=officer, risk=risk, data={"description": "x", "owner": "", "due_date": dt.date(2027, 1, 1)}
        )


def test_configurable_matrix(officer: Any, system: System) -> None:
    services.save_matrix(
        actor=officer,
        data={
            "likelihood_levels": 3,
            "impact_levels": 4,
            "medium_from": 4,
            "high_from": 8,
            "acceptable_below": 3,
        },
    )
    assert RiskMatrix.objects.count() == 1
    with pytest.raises(ValidationError, match="1 到 3"):
        services.create_risk(actor=officer, data=system_risk(system))
    risk = services.create_risk(actor=officer, data=system_risk(system, likelihood=3, impact=4))
    assert level(risk.inherent_score, current_matrix()) == "high"
    with pytest.raises(ValidationError) as exc:
        services.save_matrix(
            actor=officer,
            data={
                "likelihood_levels": 2,
                "impact_levels": 4,
                "medium_from": 3,
                "high_from": 6,
                "acceptable_below": 2,
            },
        )
    assert "不能縮小矩陣" in exc.value.message_dict["likelihood_levels"][0]
    with pytest.raises(ValidationError):
        services.save_matrix(
            actor=officer,
            data={
                "likelihood_levels": 5,
                "impact_levels": 5,
                "medium_from": 10,
                "high_from": 8,
                "acceptable_below": 3,
            },
        )


def test_permissions(org: dict[str, Any], system: System, make_user: Any) -> None:
    with pytest.raises(PermissionDenied):
        services.create_risk(actor=make_user("auditor"), data=system_risk(system))
    scoped = UserFactory()
    RoleAssignmentFactory(user=scoped, role="pd_officer", department=org["hr"])
    with pytest.raises(PermissionDenied):
        services.create_risk(actor=scoped, data=system_risk(system))
    chief = make_user("is_chief")
    assert services.create_risk(actor=chief, data=system_risk(system)).pk


def test_heatmap_svg_counts(officer: Any, system: System, make_file: Callable[..., PersonalDataFile]) -> None:
    services.create_risk(actor=officer, data=system_risk(system))
    services.create_risk(actor=officer, data=system_risk(system, threat="theft"))
    services.create_risk(
        actor=officer,
        data={
            "scope": "activity",
            "file": make_file(),
            "activity": "disposal",
            "threat": "leakage",
            "likelihood": 1,
            "impact": 2,
        },
    )
    inherent, residual = heat_counts(Risk.objects.all())
    assert inherent == {(4, 5): 2, (1, 2): 1}
    assert residual == {(2, 3): 2}
    root = ET.fromstring(heatmap_svg(inherent, current_matrix(), "固有風險熱圖"))  # noqa: S314
    cells = root.findall(f"{SVG}g[@class='cell']")
    assert len(cells) == 25
    counts = {(c.get("data-likelihood"), c.get("data-impact")): c.get("data-count") for c in cells}
    assert counts[("4", "5")] == "2"
    assert counts[("1", "2")] == "1"
    assert counts[("5", "5")] == "0"
    fills = {
        (c.get("data-likelihood"), c.get("data-impact")): c.find(f"{SVG}rect").get("fill") for c in cells
    }  # type: ignore[union-attr]
    assert fills[("5", "5")] == "#f4b0a8"
    assert fills[("1", "1")] == "#cfe8cf"
