"""Likelihood × impact scoring on the configurable matrix, and the rules every risk must satisfy."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_noop as N_

from shouhu.core.messages import both, define, joined, sentence
from shouhu.engines.catalog import get_item
from shouhu.risk.items import printed
from shouhu.risk.models import Activity, Level, RiskMatrix, Scope, Threat, Treatment

Errors = dict[str, list[str]]  # a risk's rules give core.messages Sentences: a form shows the text, an import
# stores the message and its preview reads it in the reader's language


def _items(f: dict[str, Any]) -> dict[str, Any]:
    return {"items": joined(printed(i) for i in f["items"])}


OUT_OF_RANGE = define("risk.rule.out_of_range", N_("{label}須為 1 到 {top} 的整數（風險矩陣 {top} 級）。"))
NO_ITEMS = define(
    "risk.rule.no_items", N_("找不到檢查項目：{items}（格式如 附錄一 3.1.1、附錄二 2.1.1）。"), _items
)
SCOPE = define("risk.rule.scope", N_("評估範圍須為「系統或設備」或「蒐集處理利用作業」。"))
SYSTEM = define("risk.rule.system", N_("系統或設備之風險評估（3.1.1）須指定系統或設備。"))
NO_ACTIVITY = define(
    "risk.rule.no_activity", N_("系統或設備之風險不填作業；作業風險請選「蒐集處理利用作業」。")
)
FILE = define("risk.rule.file", N_("作業之風險評估（3.1.2）須指定個人資料檔案。"))
ACTIVITY = define("risk.rule.activity", N_("作業須為：{choices}"))
THREAT = define("risk.rule.threat", N_("威脅須為：{choices}"))
RESIDUAL_PAIR = define("risk.rule.residual_pair", N_("殘餘可能性與殘餘衝擊須同時填寫。"))
RESIDUAL_HIGHER = define("risk.rule.residual_higher", N_("殘餘風險不應高於固有風險；請檢查評分。"))
TREATMENT = define("risk.rule.treatment", N_("風險處理須為：降低、移轉、避免或接受。"))
TREAT_ABOVE = define("risk.rule.treat_above", N_("固有風險值高於可接受上限 {limit}，請選擇風險處理方式。"))
ACCEPTED_BY = define("risk.rule.accepted_by", N_("選擇「接受」時，須填寫具名的風險接受人。"))
ACCEPTED_ON = define("risk.rule.accepted_on", N_("選擇「接受」時，須填寫接受日期。"))
ASSESSED_ON = define("risk.rule.assessed_on", N_("請填寫評估日期。"))
NEXT_REVIEW = define("risk.rule.next_review", N_("下次檢視日期須晚於評估日期。"))
LABELS = {
    "likelihood": gettext_lazy("可能性"),
    "impact": gettext_lazy("衝擊"),
    "residual_likelihood": gettext_lazy("殘餘可能性"),
    "residual_impact": gettext_lazy("殘餘衝擊"),
}


def _choices(choices: Any) -> dict[str, str]:
    return both(lambda: joined(str(label) for label in choices.labels))


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


def _in_range(errors: Errors, field: str, value: Any, top: int) -> bool:
    if not isinstance(value, int) or not 1 <= value <= top:
        _add(errors, field, sentence(OUT_OF_RANGE, label=both(LABELS[field]), top=top))
        return False
    return True


def control_item_errors(items: list[str]) -> list[str]:
    bad = []
    for item in items:
        try:
            get_item(item)
        except Exception:  # the catalogue raises its own UnknownItemError subclasses
            bad.append(item)
    return [sentence(NO_ITEMS, items=bad)] if bad else []


def risk_errors(data: Mapping[str, Any], matrix: RiskMatrix) -> Errors:
    """Validate one risk's fields (targets resolved to objects, scores as ints)."""
    errors: Errors = {}
    scope = data.get("scope")
    if scope not in SCOPES:
        _add(errors, "scope", sentence(SCOPE))
    elif scope == Scope.SYSTEM:
        if data.get("system") is None:
            _add(errors, "system", sentence(SYSTEM))
        if data.get("activity"):
            _add(errors, "activity", sentence(NO_ACTIVITY))
    else:
        if data.get("file") is None:
            _add(errors, "file", sentence(FILE))
        if data.get("activity") not in ACTIVITIES:
            _add(errors, "activity", sentence(ACTIVITY, choices=_choices(Activity)))
    if data.get("threat") not in THREATS:
        _add(errors, "threat", sentence(THREAT, choices=_choices(Threat)))
    ok = _in_range(errors, "likelihood", data.get("likelihood"), matrix.likelihood_levels)
    ok = _in_range(errors, "impact", data.get("impact"), matrix.impact_levels) and ok
    rl, ri = data.get("residual_likelihood"), data.get("residual_impact")
    if (rl is None) != (ri is None):
        _add(errors, "residual_impact", sentence(RESIDUAL_PAIR))
    elif rl is not None:
        rok = _in_range(errors, "residual_likelihood", rl, matrix.likelihood_levels)
        rok = _in_range(errors, "residual_impact", ri, matrix.impact_levels) and rok
        if ok and rok and score(int(rl), int(ri or 0)) > score(data["likelihood"], data["impact"]):
            _add(errors, "residual_likelihood", sentence(RESIDUAL_HIGHER))
    treatment = data.get("treatment") or ""
    if treatment and treatment not in TREATMENTS:
        _add(errors, "treatment", sentence(TREATMENT))
    if ok and not treatment and score(data["likelihood"], data["impact"]) > matrix.acceptable_below:
        _add(errors, "treatment", sentence(TREAT_ABOVE, limit=matrix.acceptable_below))
    if treatment == Treatment.ACCEPT:
        if not str(data.get("accepted_by") or "").strip():
            _add(errors, "accepted_by", sentence(ACCEPTED_BY))
        if data.get("accepted_on") is None:
            _add(errors, "accepted_on", sentence(ACCEPTED_ON))
    items = list(data.get("control_items") or [])
    for message in control_item_errors(items):
        _add(errors, "control_items", message)
    assessed, review = data.get("assessed_on"), data.get("next_review")
    if assessed is None:
        _add(errors, "assessed_on", sentence(ASSESSED_ON))
    elif isinstance(review, dt.date) and review <= assessed:
        _add(errors, "next_review", sentence(NEXT_REVIEW))
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
