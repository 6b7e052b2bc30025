"""An assessment as OSCAL assessment-results JSON, and open corrective actions as an OSCAL POA&M.

Both documents are validated against the NIST schemas with the catalogue engine before they leave.
Control ids are the catalogue's (``pd-1.1.1``), so the documents line up with ``shouhu catalog export``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from shouhu.accounts.models import User
from shouhu.accounts.permissions import require
from shouhu.assessment import selectors
from shouhu.assessment.models import ActionState, Assessment, CorrectiveAction, Result
from shouhu.assessment.rows import Row
from shouhu.assessment.services import catalogue_of
from shouhu.audit.services import record
from shouhu.engines.catalog.oscal import OSCAL_VERSION, SHOUHU_NS, stable_uuid, validate_oscal

JSONObject = dict[str, Any]
STATUS = {Result.CONFORM: "satisfied", Result.PARTIAL: "not-satisfied", Result.NONCONFORM: "not-satisfied"}


def _time(value: dt.datetime | dt.date | None) -> str:
    if value is None:
        value = timezone.now()
    if not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value, dt.time(), tzinfo=timezone.get_current_timezone())
    return timezone.localtime(value).isoformat(timespec="seconds")


def _prop(name: str, value: str) -> JSONObject:
    return {"name": name, "ns": SHOUHU_NS, "value": value}


def _metadata(title: str, version: str, last_modified: dt.datetime | None) -> JSONObject:
    return {
        "title": title,
        "last-modified": _time(last_modified),
        "version": version,
        "oscal-version": OSCAL_VERSION,
    }


def assessment_results(*, actor: User, assessment: Assessment) -> JSONObject:
    """The assessment's answers as observations and findings of one OSCAL result."""
    require(actor, "assessment.view")
    catalogue = catalogue_of(assessment)
    key = f"assessment/{assessment.pk}"
    plan_uuid = stable_uuid(key, "plan")
    observations: list[JSONObject] = []
    findings: list[JSONObject] = []
    collected = _time(assessment.completed_at or assessment.assessed_on)
    included = []
    for answer in selectors.answers(assessment):
        item = catalogue.item(answer.item_id)
        included.append({"control-id": item.id})
        if not answer.result:
            continue
        obs_uuid = stable_uuid(key, item.id, "observation")
        row = Row(item=item, answer=answer)
        observations.append(
            {
                "uuid": obs_uuid,
                "title": f"{item.display_number}：{item.title}",
                "description": row.check_text or Result(answer.result).label,
                "methods": ["EXAMINE"],
                "props": [
                    _prop("result", answer.result),
                    _prop("applicable", "false" if answer.applicable is False else "true"),
                ],
                "collected": collected,
            }
        )
        if answer.result in STATUS:
            findings.append(
                {
                    "uuid": stable_uuid(key, item.id, "finding"),
                    "title": f"{item.display_number}：{Result(answer.result).label}",
                    "description": answer.explanation or f"檢查結果：{Result(answer.result).label}",
                    "props": [_prop("result", answer.result)],
                    "target": {
                        "type": "objective-id",
                        "target-id": item.id,
                        "status": {"state": STATUS[Result(answer.result)]},
                    },
                    "related-observations": [{"observation-uuid": obs_uuid}],
                }
            )
    result: JSONObject = {
        "uuid": stable_uuid(key, "result", str(assessment.revision)),
        "title": f"{assessment.get_kind_display()}結果（{assessment.company_name}）",
        "description": assessment.scope
        or f"{assessment.get_kind_display()}：{assessment.get_tables_display()}",
        "start": _time(assessment.assessed_on),
        "props": [_prop("state", assessment.state), _prop("kind", assessment.kind)],
        "reviewed-controls": {"control-selections": [{"include-controls": included}]},
    }
    if assessment.completed_at:
        result["end"] = _time(assessment.completed_at)
    if observations:
        result["observations"] = observations
    if findings:
        result["findings"] = findings
    document = {
        "assessment-results": {
            "uuid": stable_uuid(key, "assessment-results", str(assessment.revision)),
            "metadata": _metadata(
                f"{assessment} — {catalogue.title}",
                f"{assessment.revision}",
                assessment.completed_at or assessment.created_at,
            ),
            "import-ap": {"href": f"#{plan_uuid}"},
            "results": [result],
            "back-matter": {
                "resources": [
                    {
                        "uuid": plan_uuid,
                        "title": f"{catalogue.title}（{catalogue.label}）",
                        "description": f"檢查依據：{catalogue.source}",
                        "props": [_prop("catalogue-version", catalogue.id)],
                    }
                ]
            },
        }
    }
    validate_oscal(document, "assessment-results")
    record(actor=actor, action="assessment.exported", obj=assessment, changes={"format": [None, "oscal-ar"]})
    return document


def poam(*, actor: User, actions: list[CorrectiveAction]) -> JSONObject:
    """The open corrective actions as an OSCAL plan of action and milestones."""
    require(actor, "actions.view")
    open_actions = [a for a in actions if a.state != ActionState.CLOSED]
    if not open_actions:
        raise ValidationError(_("目前沒有未結案的矯正措施，無法產生 POA&M。"))
    items: list[JSONObject] = []
    for action in open_actions:
        finding = action.finding
        props = [_prop("state", action.state), _prop("severity", finding.severity)]
        if action.due_on:
            props.append(_prop("due-date", action.due_on.isoformat()))
        if action.owner:
            props.append(_prop("owner", action.owner.username))
        if finding.item_id:
            props.append(_prop("control-id", finding.item_id))
        if selectors.is_overdue(action):
            props.append(_prop("overdue", "true"))
        items.append(
            {
                "uuid": stable_uuid("action", str(action.pk)),
                "title": action.title,
                "description": action.measures or finding.description or finding.title,
                "props": props,
                **({"remarks": action.cause} if action.cause else {}),
            }
        )
    latest = max((a.updated_at for a in open_actions), default=None)
    document = {
        "plan-of-action-and-milestones": {
            "uuid": stable_uuid("poam", *(str(a.pk) for a in open_actions)),
            "metadata": _metadata("矯正措施計畫（POA&M）", timezone.localdate().isoformat(), latest),
            "system-id": {
                "identifier-type": "https://ietf.org/rfc/rfc4122",
                "id": stable_uuid("system", "shouhu"),
            },
            "poam-items": items,
        }
    }
    validate_oscal(document, "poam")
    record(
        actor=actor,
        action="assessment.actions_exported",
        object_type="assessment.correctiveaction",
        changes={"format": [None, "oscal-poam"], "count": [None, len(items)]},
    )
    return document
