"""Writes for findings and corrective actions (第五章 一: the five steps of a corrective action)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shouhu.accounts.models import User
from shouhu.accounts.permissions import has_perm, require
from shouhu.assessment.models import ActionState, Assessment, CorrectiveAction, Finding, State
from shouhu.assessment.titles import action_title_zh, stored_action_title
from shouhu.audit.records import create_record, update_record
from shouhu.audit.services import record
from shouhu.engines.catalog import UnknownItemError, load_catalogue

FINDING_FIELDS = ("title", "description", "severity", "item_id")
ACTION_FIELDS = (
    "title",
    "cause",
    "similar",
    "measures",
    "owner",
    "due_on",
    "effectiveness",
    "measures_update",
    "record",
)
ACTION_TRANSITIONS: dict[str, frozenset[str]] = {
    ActionState.DRAFT: frozenset({ActionState.IN_PROGRESS}),
    ActionState.IN_PROGRESS: frozenset({ActionState.AWAITING_REVIEW}),
    ActionState.AWAITING_REVIEW: frozenset({ActionState.CLOSED, ActionState.IN_PROGRESS}),
    ActionState.CLOSED: frozenset({ActionState.IN_PROGRESS}),
}
# What each target state needs filled in first (field name → label).
ACTION_REQUIREMENTS: dict[str, tuple[str, ...]] = {
    ActionState.IN_PROGRESS: ("cause", "measures", "owner", "due_on"),
    ActionState.AWAITING_REVIEW: ("cause", "measures", "owner", "due_on"),
    ActionState.CLOSED: (
        "cause",
        "measures",
        "owner",
        "due_on",
        "effectiveness",
        "measures_update",
        "record",
    ),
}


def _may_edit_findings(actor: User) -> None:
    if not (has_perm(actor, "findings.create") or has_perm(actor, "assessment.manage")):
        require(actor, "findings.create")


@transaction.atomic
def create_finding(*, actor: User, assessment: Assessment, data: Mapping[str, Any]) -> Finding:
    """A finding added by hand by an auditor (稽核人員)."""
    require(actor, "findings.create")
    if assessment.state == State.DRAFT:
        raise ValidationError(_("檢查尚未開始，不可新增缺失。"))
    item_id = (data.get("item_id") or "").strip()
    if item_id:
        try:
            load_catalogue(assessment.catalogue_version).item(item_id)
        except UnknownItemError as exc:
            raise ValidationError({"item_id": _("{exc}。").format(exc=exc)}) from exc
    return create_record(
        actor=actor,
        model=Finding,
        fields=(*FINDING_FIELDS, "assessment", "source", "created_by"),
        data={
            **data,
            "item_id": item_id,
            "assessment": assessment,
            "source": Finding.Source.MANUAL,
            "created_by": actor,
        },
    )


def update_finding(*, actor: User, finding: Finding, data: Mapping[str, Any]) -> Finding:
    """Change a finding's severity, title or description (auditors and assessment managers)."""
    _may_edit_findings(actor)
    fields = (
        ("title", "description", "severity")
        if finding.source == Finding.Source.MANUAL
        else ("description", "severity")
    )
    return update_record(actor=actor, instance=finding, data=data, fields=fields)


@transaction.atomic
def raise_outside_finding(
    *, actor: User, title: str, description: str, severity: str, origin: str,
    source: str = Finding.Source.CLIENT_AUDIT, action: Mapping[str, Any] | None = None,
) -> CorrectiveAction:  # fmt: skip
    """A finding from outside the self-check tables (a client's audit of us, an access review) and its
    corrective action: in draft, the five steps then filled in on the action's page like any other; or, when
    ``action`` gives the cause, measures, owner and due date, already in progress."""
    require(actor, "actions.manage")
    if source not in (Finding.Source.CLIENT_AUDIT, Finding.Source.ACCESS):
        raise ValidationError({"source": _("未知的缺失來源。")})
    if not title.strip():
        raise ValidationError({"title": _("請填寫缺失")})
    if not origin.strip():
        raise ValidationError({"origin": _("請說明缺失之出處")})
    finding = create_record(
        actor=actor,
        model=Finding,
        fields=(*FINDING_FIELDS, "source", "origin", "created_by"),
        data={
            "title": title.strip(),
            "description": description.strip(),
            "severity": severity,
            "item_id": "",
            "source": source,
            "origin": origin.strip()[:300],
            "created_by": actor,
        },
    )
    data = dict(action or {})
    created = create_action(actor=actor, finding=finding, data=data)
    if all(data.get(k) for k in ACTION_REQUIREMENTS[ActionState.IN_PROGRESS]):
        created = transition_action(actor=actor, action=created, to=ActionState.IN_PROGRESS)
    return created


# Other apps' follow-ups hear when a corrective action closes: ``fn(actor=, action=)`` registered from their
# AppConfig.ready() (people: the access-review follow-up the action stands for is then done).
_CLOSED_HOOKS: list[Callable[..., None]] = []


def on_action_closed(fn: Callable[..., None]) -> Callable[..., None]:
    if fn not in _CLOSED_HOOKS:
        _CLOSED_HOOKS.append(fn)
    return fn


@transaction.atomic
def create_action(*, actor: User, finding: Finding, data: Mapping[str, Any]) -> CorrectiveAction:
    require(actor, "actions.manage")
    payload = {**data, "finding": finding, "created_by": actor}
    payload["title"] = stored_action_title(finding, payload.get("title") or action_title_zh(finding))
    return create_record(
        actor=actor, model=CorrectiveAction, data=payload, fields=(*ACTION_FIELDS, "finding", "created_by")
    )


@transaction.atomic
def update_action(*, actor: User, action: CorrectiveAction, data: Mapping[str, Any]) -> CorrectiveAction:
    require(actor, "actions.manage")
    fresh = CorrectiveAction.objects.select_for_update().get(pk=action.pk)
    if fresh.state == ActionState.CLOSED:
        raise ValidationError(_("矯正措施已結案，請先重新開啟再修改。"))
    if "title" in data:  # the proposed title sent back from an English form is stored as composed
        data = {**data, "title": stored_action_title(action.finding, data["title"])}
    return update_record(actor=actor, instance=action, data=data, fields=ACTION_FIELDS)


@transaction.atomic
def transition_action(*, actor: User, action: CorrectiveAction, to: str, note: str = "") -> CorrectiveAction:
    """Move a corrective action along draft → in progress → awaiting review → closed (or reopen)."""
    require(actor, "actions.manage")
    fresh = CorrectiveAction.objects.select_for_update().get(pk=action.pk)
    current = ActionState(fresh.state)
    if to not in ActionState.values:
        raise ValidationError(_("未知的狀態「{to}」。").format(to=to))
    target = ActionState(to)
    if target not in ACTION_TRANSITIONS[current]:
        allowed = (
            "、".join(f"「{ActionState(s).label}」" for s in sorted(ACTION_TRANSITIONS[current])) or "（無）"
        )
        raise ValidationError(
            _("矯正措施目前為「{label}」，不可改為「{label2}」；可改為：{allowed}。").format(
                label=current.label, label2=target.label, allowed=allowed, current=current, target=target
            )
        )
    missing = [
        str(getattr(CorrectiveAction._meta.get_field(name), "verbose_name", name))
        for name in ACTION_REQUIREMENTS.get(target, ())
        if not getattr(fresh, name)
    ]
    if missing:
        raise ValidationError(
            _("改為「{label}」前須填寫：{value}。").format(label=target.label, value="、".join(missing))
        )
    note = (note or "").strip()
    reopening = current == ActionState.CLOSED
    if reopening and not note:
        raise ValidationError(_("重新開啟須說明原因。"))
    changes: dict[str, Any] = {"state": [current.value, target.value]}
    action.state = target
    fields = ["state", "updated_at"]
    if target == ActionState.CLOSED:
        action.closed_at = timezone.now()
        fields.append("closed_at")
        changes["closed_at"] = [None, action.closed_at]
    elif reopening:
        changes["closed_at"] = [fresh.closed_at, None]
        action.closed_at = None
        fields.append("closed_at")
    if note:
        changes["note"] = [None, note]
    action.save(update_fields=fields)
    record(
        actor=actor,
        action=f"assessment.action_{'reopened' if reopening else target.value}",
        obj=action,
        changes=changes,
    )
    if target == ActionState.CLOSED:
        from shouhu.law.services import complete_from_record
        from shouhu.law.services import note as completion_note

        # a closed corrective action is the calendar's continuous-improvement measure (moda Art. 18) done
        complete_from_record(actor=actor, key="corrective-action", done_on=timezone.localdate(action.closed_at),
                             note=completion_note("corrective_action", pk=action.pk))  # fmt: skip
        for hook in _CLOSED_HOOKS:
            hook(actor=actor, action=action)
    return action


def ensure_can_view_actions(actor: User) -> None:
    if not has_perm(actor, "actions.view"):
        raise PermissionDenied(_("您沒有權限檢視矯正措施。"))
