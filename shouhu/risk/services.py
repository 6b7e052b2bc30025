"""Writes to the risk register. Scores change only through an assessment, which keeps the history."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from shouhu.accounts.models import User
from shouhu.accounts.permissions import require, require_for_department
from shouhu.audit.records import create_record, update_record
from shouhu.risk.models import Assessment, Risk, RiskAction, RiskMatrix, Scope, risk_natural_key
from shouhu.risk.scoring import current_matrix, matrix_errors, risk_errors, score

DESCRIPTIVE = ("description", "existing_controls", "control_items", "owner", "next_review")
ASSESSED = (
    "likelihood",
    "impact",
    "residual_likelihood",
    "residual_impact",
    "treatment",
    "accepted_by",
    "accepted_on",
    "assessed_on",
    "next_review",
)
RISK_FIELDS = (
    "natural_key",
    "scope",
    "system",
    "file",
    "activity",
    "threat",
    "department",
    *DESCRIPTIVE,
    "likelihood",
    "impact",
    "inherent_score",
    "residual_likelihood",
    "residual_impact",
    "residual_score",
    "treatment",
    "accepted_by",
    "accepted_on",
    "assessed_on",
    "version",
)
ACTION_FIELDS = ("risk", "description", "owner", "due_date", "status", "done_on")
# Dates that record what happened (checked up to now + 1 year); next_review and due_date are plans.
RISK_EVENT_DATES = ("accepted_on", "assessed_on")
MATRIX_FIELDS = ("likelihood_levels", "impact_levels", "medium_from", "high_from", "acceptable_below")


def target_department(data: Mapping[str, Any]) -> Any:
    target = data.get("file") if data.get("scope") == Scope.ACTIVITY else data.get("system")
    return getattr(target, "department", None) or data.get("department")


def key_for(data: Mapping[str, Any]) -> str:
    target = data.get("file") if data.get("scope") == Scope.ACTIVITY else data.get("system")
    name = (
        f"{target.department.name}/{target.name}"
        if data.get("scope") == Scope.ACTIVITY and target
        else str(target)
    )
    return risk_natural_key(
        str(data.get("scope")), name, str(data.get("activity") or ""), str(data.get("threat"))
    )


def _scores(data: Mapping[str, Any]) -> dict[str, Any]:
    residual = None
    if data.get("residual_likelihood") and data.get("residual_impact"):
        residual = score(data["residual_likelihood"], data["residual_impact"])
    return {"inherent_score": score(data["likelihood"], data["impact"]), "residual_score": residual}


def _assessment(actor: User | None, risk: Risk, note: str = "") -> Assessment:
    from shouhu.law.services import complete_from_record
    from shouhu.law.services import note as completion_note

    # an assessment is the calendar's risk measure (moda Art. 18) done that day
    complete_from_record(
        actor=actor, key="risk-assessment", done_on=risk.assessed_on, note=completion_note("risk")
    )
    return create_record(
        actor=actor,
        model=Assessment,
        fields=(
            "risk",
            "version",
            "assessed_on",
            "assessed_by",
            "likelihood",
            "impact",
            "inherent_score",
            "residual_likelihood",
            "residual_impact",
            "residual_score",
            "treatment",
            "note",
        ),
        data={
            "risk": risk,
            "version": risk.version,
            "assessed_on": risk.assessed_on,
            "assessed_by": actor if getattr(actor, "is_authenticated", False) else None,
            "likelihood": risk.likelihood,
            "impact": risk.impact,
            "inherent_score": risk.inherent_score,
            "residual_likelihood": risk.residual_likelihood,
            "residual_impact": risk.residual_impact,
            "residual_score": risk.residual_score,
            "treatment": risk.treatment,
            "note": note,
        },
    )


@transaction.atomic
def create_risk(*, actor: User, data: Mapping[str, Any]) -> Risk:
    values = {"assessed_on": timezone.localdate(), "activity": "", "control_items": [], **data}
    department = target_department(values)
    require_for_department(actor, "risk.manage", getattr(department, "pk", None))
    errors = risk_errors(values, current_matrix())
    if errors:
        raise ValidationError(errors)
    key = key_for(values)
    if Risk.objects.filter(natural_key=key).exists():
        raise ValidationError({"threat": _("此對象、作業與威脅的風險已在清冊中；請改為重新評估。")})
    risk = create_record(
        actor=actor,
        model=Risk,
        fields=RISK_FIELDS,
        data={**values, **_scores(values), "department": department, "natural_key": key, "version": 1},
        past=RISK_EVENT_DATES,
    )
    _assessment(actor, risk, "初次評估")
    return risk


@transaction.atomic
def update_risk(*, actor: User, risk: Risk, data: Mapping[str, Any]) -> Risk:
    """Edit the descriptive fields (scenario, controls, owner, next review). Scores go through ``reassess``."""
    require_for_department(actor, "risk.manage", risk.department_id)
    merged = {f.name: getattr(risk, f.name) for f in Risk._meta.concrete_fields if f.name != "id"}
    merged.update({k: v for k, v in data.items() if k in DESCRIPTIVE})
    merged["system"], merged["file"] = risk.system, risk.file
    errors = risk_errors(merged, current_matrix())
    if errors:
        raise ValidationError(errors)
    return update_record(actor=actor, instance=risk, data=data, fields=DESCRIPTIVE)


@transaction.atomic
def reassess(*, actor: User, risk: Risk, data: Mapping[str, Any], note: str = "") -> Risk:
    """Record a new assessment: the risk gets the new scores; earlier assessments stay in the history."""
    require_for_department(actor, "risk.manage", risk.department_id)
    risk = Risk.objects.select_for_update().get(pk=risk.pk)
    merged = {f.name: getattr(risk, f.name) for f in Risk._meta.concrete_fields if f.name != "id"}
    merged.update({"system": risk.system, "file": risk.file, "assessed_on": timezone.localdate()})
    merged.update({k: v for k, v in data.items() if k in (*ASSESSED, *DESCRIPTIVE)})
    errors = risk_errors(merged, current_matrix())
    if errors:
        raise ValidationError(errors)
    fields = [*ASSESSED, *DESCRIPTIVE, "inherent_score", "residual_score", "version"]
    risk = update_record(
        actor=actor,
        instance=risk,
        fields=fields,
        data={**merged, **_scores(merged), "version": risk.version + 1},
        past=RISK_EVENT_DATES,
    )
    _assessment(actor, risk, note)
    return risk


def add_action(*, actor: User, risk: Risk, data: Mapping[str, Any]) -> RiskAction:
    require_for_department(actor, "risk.manage", risk.department_id)
    if not str(data.get("owner") or "").strip():
        raise ValidationError({"owner": _("請填寫負責人。")})
    return create_record(
        actor=actor, model=RiskAction, data={**data, "risk": risk}, fields=ACTION_FIELDS, past=("done_on",)
    )


def complete_action(*, actor: User, action: RiskAction) -> RiskAction:
    require_for_department(actor, "risk.manage", action.risk.department_id)
    if action.status == RiskAction.Status.DONE:
        raise ValidationError(_("此措施已完成。"))
    return update_record(
        actor=actor,
        instance=action,
        fields=("status", "done_on"),
        data={"status": RiskAction.Status.DONE, "done_on": timezone.localdate()},
    )


@transaction.atomic
def save_matrix(*, actor: User, data: Mapping[str, Any]) -> RiskMatrix:
    require(actor, "risk.manage", company_wide=True)  # the one matrix of the company
    used = Risk.objects.aggregate(
        l=Max("likelihood"), i=Max("impact"), rl=Max("residual_likelihood"), ri=Max("residual_impact")
    )
    max_used = (max(used["l"] or 0, used["rl"] or 0), max(used["i"] or 0, used["ri"] or 0))
    errors = matrix_errors(data, max_used)
    if errors:
        raise ValidationError(errors)
    matrix = RiskMatrix.objects.select_for_update().order_by("pk").first()
    if matrix is None:
        return create_record(actor=actor, model=RiskMatrix, data=data, fields=MATRIX_FIELDS)
    return update_record(actor=actor, instance=matrix, data=data, fields=MATRIX_FIELDS)
