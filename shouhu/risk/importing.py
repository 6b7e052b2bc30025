"""Import spec for the 個人資料風險評估清冊 (same headers as the export). A re-import of a changed score is a
re-assessment: the risk's version goes up and the history keeps the earlier scores."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_noop as N_

from shouhu.accounts.permissions import has_perm
from shouhu.core.importing import fields as f
from shouhu.core.importing.base import (
    DONE,
    Params,
    Progress,
    RowChange,
    add_error,
    attnames,
    cell,
    map_errors,
    register,
    update_rows,
)
from shouhu.core.importing.reader import Row
from shouhu.core.messages import compose, define
from shouhu.inventory import selectors as inventory_selectors
from shouhu.risk.models import Activity, Assessment, Risk, Scope, Threat, Treatment
from shouhu.risk.scoring import current_matrix, risk_errors, score
from shouhu.risk.services import key_for, target_department

RISK_COLUMNS: dict[str, str] = {
    "評估範圍": "scope",
    "系統或設備": "system",
    "權責部門": "department",
    "個人資料檔案": "file",
    "作業": "activity",
    "威脅": "threat",
    "風險情境": "description",
    "可能性": "likelihood",
    "衝擊": "impact",
    "固有風險值": "inherent_score",
    "風險等級": "level",
    "現有控制措施": "existing_controls",
    "對應檢查項目": "control_items",
    "風險處理": "treatment",
    "風險接受人": "accepted_by",
    "接受日期": "accepted_on",
    "殘餘可能性": "residual_likelihood",
    "殘餘衝擊": "residual_impact",
    "殘餘風險值": "residual_score",
    "風險負責人": "owner",
    "評估日期": "assessed_on",
    "下次檢視日期": "next_review",
}
# Each column's English header: shown on English pages and accepted on upload (zh-TW stays the default).
RISK_ENGLISH: dict[str, str] = {
    "評估範圍": "Scope",
    "系統或設備": "System or device",
    "權責部門": "Responsible department",
    "個人資料檔案": "Personal-data file",
    "作業": "Operation",
    "威脅": "Threat",
    "風險情境": "Scenario",
    "可能性": "Likelihood",
    "衝擊": "Impact",
    "固有風險值": "Inherent risk score",
    "風險等級": "Risk level",
    "現有控制措施": "Existing controls",
    "對應檢查項目": "Linked checklist items",
    "風險處理": "Treatment",
    "風險接受人": "Accepted by",
    "接受日期": "Accepted on",
    "殘餘可能性": "Residual likelihood",
    "殘餘衝擊": "Residual impact",
    "殘餘風險值": "Residual risk score",
    "風險負責人": "Risk owner",
    "評估日期": "Assessed on",
    "下次檢視日期": "Next review on",
}
# Row errors, stored as messages so the preview reads in the language of whoever opens it.
NO_SYSTEM = define("risk.import.no_system", N_("找不到系統「{system}」。"))
NO_FILE = define("risk.import.no_file", N_("找不到「{department}」的個人資料檔案「{file}」。"))
SAME_FILE_NAME = define(
    "risk.import.same_file_name", N_("「{file}」有多個同名檔案（不同委託者），請改名以區分。")
)
NO_PERMISSION = define("risk.import.no_permission", N_("您沒有此部門的風險評估管理權限。"))
SAME_RISK = define("risk.import.same_risk", N_("與第 {row} 列重複（相同對象、作業與威脅）。"))
SCORED = ("likelihood", "impact", "residual_likelihood", "residual_impact", "treatment")
SCALARS = (
    "scope",
    "system",
    "file",
    "activity",
    "threat",
    "department",
    "description",
    "likelihood",
    "impact",
    "existing_controls",
    "control_items",
    "treatment",
    "accepted_by",
    "accepted_on",
    "residual_likelihood",
    "residual_impact",
    "owner",
    "assessed_on",
    "next_review",
)


def _optional_int(value: str) -> int | None:
    return f.integer(value) if value.strip() else None


class RisksSpec:
    kind = "risks"
    title = gettext_lazy("個人資料風險評估清冊")
    permission = "risk.manage"
    list_url = "risk:list"
    columns = tuple(RISK_COLUMNS)
    required = ("評估範圍", "威脅", "可能性", "衝擊")
    english = RISK_ENGLISH

    def validate(self, rows: list[Row], *, actor: Any, params: Params) -> list[Any]:
        matrix = current_matrix()
        systems = inventory_selectors.systems_by_name()
        files = inventory_selectors.files_by_department_and_name()
        perms: dict[int | None, bool] = {}
        seen: dict[str, int] = {}
        today = timezone.localdate()
        out: list[Any] = []
        for row in rows:
            v = row.values
            data: dict[str, Any] = {
                "scope": cell(row, "評估範圍", lambda s: f.choice(s, Scope)),
                "activity": cell(row, "作業", lambda s: f.choice(s, Activity, required=False), ""),
                "threat": cell(row, "威脅", lambda s: f.choice(s, Threat)),
                "description": v.get("風險情境", ""),
                "existing_controls": v.get("現有控制措施", ""),
                "control_items": [i.lower() for i in f.multi(v.get("對應檢查項目", ""))],
                "likelihood": cell(row, "可能性", f.integer),
                "impact": cell(row, "衝擊", f.integer),
                "treatment": cell(row, "風險處理", lambda s: f.choice(s, Treatment, required=False), ""),
                "accepted_by": v.get("風險接受人", ""),
                "accepted_on": cell(row, "接受日期", f.date),
                "residual_likelihood": cell(row, "殘餘可能性", _optional_int),
                "residual_impact": cell(row, "殘餘衝擊", _optional_int),
                "owner": v.get("風險負責人", ""),
                "assessed_on": cell(row, "評估日期", f.date) or today,
                "next_review": cell(row, "下次檢視日期", f.date),
                "system": None,
                "file": None,
            }
            system_name, file_name = v.get("系統或設備", ""), v.get("個人資料檔案", "")
            if system_name:
                data["system"] = systems.get(system_name.casefold())
                if data["system"] is None:
                    add_error(row, "系統或設備", compose(NO_SYSTEM, system=system_name))
            if file_name:
                found = files.get((v.get("權責部門", "").casefold(), file_name.casefold()), [])
                if len(found) == 1:
                    data["file"] = found[0]
                else:
                    add_error(row, "個人資料檔案",
                              compose(NO_FILE, department=v.get("權責部門", ""), file=file_name) if not found
                              else compose(SAME_FILE_NAME, file=file_name))  # fmt: skip
            department = target_department(data)
            key_perm = getattr(department, "pk", None)
            if key_perm not in perms:
                perms[key_perm] = has_perm(actor, "risk.manage", department_id=key_perm)
            if not perms[key_perm]:
                add_error(row, "權責部門", compose(NO_PERMISSION))
            errors = risk_errors(data, matrix)
            if "系統或設備" in row.errors:
                errors.pop("system", None)
            if "個人資料檔案" in row.errors:
                errors.pop("file", None)
            for header, field in (("可能性", "likelihood"), ("衝擊", "impact")):
                if header in row.errors:
                    errors.pop(field, None)
            map_errors(row, errors, RISK_COLUMNS)
            if not row.errors:
                key = key_for(data)
                if key in seen:
                    add_error(row, "威脅", compose(SAME_RISK, row=seen[key]))
                seen.setdefault(key, row.number)
                data["natural_key"], data["department"] = key, department
            out.append(None if row.errors else data)
        return out

    def commit(self, records: list[Any], *, actor: Any, progress: Progress, params: Params) -> dict[str, Any]:
        existing = {
            r.natural_key: r for r in Risk.objects.filter(natural_key__in=[x["natural_key"] for x in records])
        }
        now = timezone.now()
        new, changed, reassessed = [], [], []
        audited = attnames(Risk, [*SCALARS, "inherent_score", "residual_score", "version"])
        before: dict[int, dict[str, Any]] = {}
        for rec in records:
            values = {k: rec[k] for k in SCALARS}
            residual = (
                score(rec["residual_likelihood"], rec["residual_impact"])
                if rec["residual_likelihood"] and rec["residual_impact"]
                else None
            )
            values.update(
                inherent_score=score(rec["likelihood"], rec["impact"]),
                residual_score=residual,
                natural_key=rec["natural_key"],
                updated_at=now,
            )
            current = existing.get(rec["natural_key"])
            if current is None:
                new.append(Risk(**values, version=1))
                continue
            compare = [k for k in values if k != "updated_at"]
            if all(getattr(current, k) == values[k] for k in compare):
                continue  # re-import of an unchanged row writes nothing
            bump = any(getattr(current, k) != values[k] for k in SCORED)
            before[int(current.pk)] = {a: getattr(current, a) for a in audited}
            obj = Risk(pk=current.pk, **values, version=current.version + (1 if bump else 0))
            changed.append(obj)
            if bump:
                reassessed.append(obj)
        Risk.objects.bulk_create(new, batch_size=500)
        ids = dict(
            Risk.objects.filter(natural_key__in=[r.natural_key for r in new]).values_list("natural_key", "pk")
        )
        for r in new:
            r.pk = ids[r.natural_key]
        names = [*SCALARS, "inherent_score", "residual_score", "version", "updated_at"]
        columns = attnames(Risk, names)
        update_rows(Risk, [(int(r.pk), {a: getattr(r, a) for a in columns}) for r in changed])
        new_ids = {int(r.pk) for r in new}
        assessed_by = actor if getattr(actor, "is_authenticated", False) else None
        Assessment.objects.bulk_create(
            [
                Assessment(
                    risk_id=r.pk,
                    version=r.version,
                    assessed_on=r.assessed_on,
                    assessed_by=assessed_by,
                    likelihood=r.likelihood,
                    impact=r.impact,
                    inherent_score=r.inherent_score,
                    residual_likelihood=r.residual_likelihood,
                    residual_impact=r.residual_impact,
                    residual_score=r.residual_score,
                    treatment=r.treatment,
                    note="匯入" if r.pk in new_ids else "匯入重新評估",
                )
                for r in [*new, *reassessed]
            ],
            batch_size=500,
        )
        assessed = [r.assessed_on for r in [*new, *reassessed] if r.assessed_on]
        if assessed:
            from shouhu.law.services import complete_from_record
            from shouhu.law.services import note as completion_note

            complete_from_record(actor=actor, key="risk-assessment", done_on=max(assessed),
                                 note=completion_note("risk_import", count=len(assessed)))  # fmt: skip
        progress(len(records), len(records), compose(DONE))
        return {
            "created": len(new),
            "updated": len(changed),
            "created_ids": sorted(int(r.pk) for r in new),
            "updated_ids": sorted(int(r.pk) for r in changed),
            # one audit entry per row, old/new values (written by the shared confirm step)
            "rows": [RowChange.of(r, audited, before.get(int(r.pk))) for r in [*new, *changed]],
        }


register(RisksSpec())
