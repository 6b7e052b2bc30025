"""Likelihood × impact scoring on the configurable matrix, and the rules every risk must satisfy."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from shouhu.engines.catalog import get_item
from shouhu.risk.items import printed
from shouhu.risk.models import Activity, Level, RiskMatrix, Scope, Threat, Treatment

Errors = dict[str, list[str]]
SCOPES, ACTIVITIES, THREATS, TREATMENTS = (frozenset(c.values) for c in (Scope, Activity, Threat, Treatment))


def current_matrix() -> RiskMatrix:
    matrix = RiskMatrix.objects.order_by("pk").first()
    return matrix if matrix is not None else RiskMatrix()


def score(likelihood: int, impact: int) -> int:
    return likelihood * impact


def level(value: int | None, matrix: RiskMatrix) -> str:
    if value is None:
        return ""
    if value >= matrix.high_from:
        return Level.HIGH
    if value >= matrix.medium_from:
        return Level.MEDIUM
    return Level.LOW


def level_label(value: int | None, matrix: RiskMatrix) -> str:
    code = level(value, matrix)
    return str(dict(Level.choices)[code]) if code else ""


def _add(errors: Errors, field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


def _in_range(errors: Errors, field: str, value: Any, top: int, label: str) -> bool:
    if not isinstance(value, int) or not 1 <= value <= top:
        _add(
            errors,
            field,
            _("{label}須為 1 到 {top} 的整數（風險矩陣 {top} 級）。").format(label=label, top=top),
        )
        return False
    return True


def control_item_errors(items: list[str]) -> list[str]:
    bad = []
    for item in items:
        try:
            get_item(item)
        except Exception:  # the catalogue raises its own UnknownItemError subclasses
            bad.append(item)
    return (
        [
            _("找不到檢查項目：{items}（格式如 附錄一 3.1.1、附錄二 2.1.1）。").format(
                items=_("、").join(printed(b) for b in bad)
            )
        ]
        if bad
        else []
    )


def risk_errors(data: Mapping[str, Any], matrix: RiskMatrix) -> Errors:
    """Validate one risk's fields (targets resolved to objects, scores as ints)."""
    errors: Errors = {}
    scope = data.get("scope")
    if scope not in SCOPES:
        _add(errors, "scope", _("評估範圍須為「系統或設備」或「蒐集處理利用作業」。"))
    elif scope == Scope.SYSTEM:
        if data.get("system") is None:
            _add(errors, "system", _("系統或設備之風險評估（3.1.1）須指定系統或設備。"))
        if data.get("activity"):
            _add(errors, "activity", _("系統或設備之風險不填作業；作業風險請選「蒐集處理利用作業」。"))
    else:
        if data.get("file") is None:
            _add(errors, "file", _("作業之風險評估（3.1.2）須指定個人資料檔案。"))
        if data.get("activity") not in ACTIVITIES:
            _add(
                errors,
                "activity",
                _("作業須為：{choices}").format(choices=_("、").join(str(x) for x in Activity.labels)),
            )
    if data.get("threat") not in THREATS:
        _add(
            errors,
            "threat",
            _("威脅須為：{choices}").format(choices=_("、").join(str(x) for x in Threat.labels)),
        )
    ok = _in_range(errors, "likelihood", data.get("likelihood"), matrix.likelihood_levels, _("可能性"))
    ok = _in_range(errors, "impact", data.get("impact"), matrix.impact_levels, _("衝擊")) and ok
    rl, ri = data.get("residual_likelihood"), data.get("residual_impact")
    if (rl is None) != (ri is None):
        _add(errors, "residual_impact", _("殘餘可能性與殘餘衝擊須同時填寫。"))
    elif rl is not None:
        rok = _in_range(errors, "residual_likelihood", rl, matrix.likelihood_levels, _("殘餘可能性"))
        rok = _in_range(errors, "residual_impact", ri, matrix.impact_levels, _("殘餘衝擊")) and rok
        if ok and rok and score(int(rl), int(ri or 0)) > score(data["likelihood"], data["impact"]):
            _add(errors, "residual_likelihood", _("殘餘風險不應高於固有風險；請檢查評分。"))
    treatment = data.get("treatment") or ""
    if treatment and treatment not in TREATMENTS:
        _add(errors, "treatment", _("風險處理須為：降低、移轉、避免或接受。"))
    if ok and not treatment and score(data["likelihood"], data["impact"]) > matrix.acceptable_below:
        _add(
            errors,
            "treatment",
            _("固有風險值高於可接受上限 {limit}，請選擇風險處理方式。").format(limit=matrix.acceptable_below),
        )
    if treatment == Treatment.ACCEPT:
        if not str(data.get("accepted_by") or "").strip():
            _add(errors, "accepted_by", _("選擇「接受」時，須填寫具名的風險接受人。"))
        if data.get("accepted_on") is None:
            _add(errors, "accepted_on", _("選擇「接受」時，須填寫接受日期。"))
    items = list(data.get("control_items") or [])
    for message in control_item_errors(items):
        _add(errors, "control_items", message)
    assessed, review = data.get("assessed_on"), data.get("next_review")
    if assessed is None:
        _add(errors, "assessed_on", _("請填寫評估日期。"))
    elif isinstance(review, dt.date) and review <= assessed:
        _add(errors, "next_review", _("下次檢視日期須晚於評估日期。"))
    return errors


def matrix_errors(data: Mapping[str, Any], max_used: tuple[int, int]) -> Errors:
    errors: Errors = {}
    lv, iv = int(data["likelihood_levels"]), int(data["impact_levels"])
    top = lv * iv
    if not 1 < int(data["medium_from"]) < int(data["high_from"]) <= top:
        _add(errors, "high_from", _("須符合 1 < 中風險起始 < 高風險起始 ≤ {top}。").format(top=top))
    if not 1 <= int(data["acceptable_below"]) < int(data["high_from"]):
        _add(errors, "acceptable_below", _("可接受風險上限須小於高風險起始分數。"))
    if max_used[0] > lv or max_used[1] > iv:
        _add(
            errors,
            "likelihood_levels",
            _("已有風險使用到可能性 {likelihood}、衝擊 {impact}，不能縮小矩陣。").format(
                likelihood=max_used[0], impact=max_used[1]
            ),
        )
    return errors
