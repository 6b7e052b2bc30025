"""Answering a clock-deciding fact: checked, recorded (FactDecision), audited and put on the timeline.

Used by the services only (they hold the permission check and the transaction). An explicit "no" needs a
written reason, because it may remove a legal clock; going back to 尚未判斷 or to "yes" brings the clock
back at the next recompute.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from shouhu.audit.services import record
from shouhu.incidents import timeline_text as tl
from shouhu.incidents.facts import FACTS
from shouhu.incidents.models import FactDecision, Incident, TimelineEntry

REASON_MAX = 2000


@dataclass(frozen=True)
class Change:
    fact: str
    old: bool | int | None
    new: bool | int | None


def prepare(
    incident: Incident, values: Mapping[str, Any], *, reason: str, reason_field: str = "reason"
) -> list[Change]:
    """Check the answers and set them on ``incident`` (not saved); return what changed."""
    errors: dict[str, list[str]] = {}
    changes: list[Change] = []
    reason = (reason or "").strip()
    if len(reason) > REASON_MAX:
        errors.setdefault(reason_field, []).append(f"理由請勿超過 {REASON_MAX} 字")
    for name, raw in values.items():
        fact = FACTS.get(name)
        if fact is None:
            errors.setdefault("fact", []).append("未知的判斷事項")
            continue
        value = fact.parse(raw)
        if not fact.is_valid(value):
            allowed = "第1級至第4級或尚未判斷" if fact.level else "是、否或尚未判斷"
            errors.setdefault(name, []).append(f"「{fact.label_zh}」須為{allowed}")
            continue
        old = getattr(incident, name)
        if old == value and type(old) is type(value):
            continue
        if fact.removes_clocks(value) and not reason:
            errors.setdefault(reason_field, []).append(
                f"回答「否」（{fact.label_zh}）可能使法定期限不再適用，請寫明判斷理由"
            )
        changes.append(Change(name, old, value))
        setattr(incident, name, value)
    if incident.cyber is False and incident.level is not None:
        errors.setdefault("cyber", []).append(
            "已填資安事件等級者即為資安事件；若判斷非資安事件，請將資安事件等級改回尚未判斷"
        )
    if errors:
        raise ValidationError(errors)
    return changes


def record_changes(
    *, actor: Any, incident: Incident, changes: list[Change], reason: str
) -> list[FactDecision]:
    """Keep each answer (who, when, why), audit it and append it to the incident timeline."""
    reason = (reason or "").strip()
    now = timezone.now()
    user = actor if getattr(actor, "is_authenticated", False) else None
    out = []
    for change in changes:
        decision = FactDecision.objects.create(
            incident=incident,
            fact=change.fact,
            old_value=change.old,
            value=change.new,
            reason=reason,
            decided_by=user,
            decided_at=now,
        )
        record(
            actor=actor,
            action="incidents.fact_decided",
            obj=incident,
            changes={
                change.fact: [change.old, change.new],
                "reason": [None, reason],
                "decision": [None, decision.pk],
            },
        )
        said = tl.decision(fact=change.fact, old=change.old, new=change.new, reason=reason)
        TimelineEntry.objects.create(incident=incident, at=now, text=said.text, message_key=said.key,
                                     message_facts=said.facts, automatic=True, actor=user)  # fmt: skip
        out.append(decision)
    return out
