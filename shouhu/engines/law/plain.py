"""Deadline rules in plain words, for pages that lead with the answer ("知悉後72小時內通報數位發展部").

Pure Python. ``describe`` turns a ``DeadlineRule`` into the sentence parts a reader needs — when the clock
starts, how long it runs, what to do and for whom — without rule ids or version codes.
"""

from __future__ import annotations

from dataclasses import dataclass

from .enums import Anchor, Requirement, Trigger, Unit
from .model import DeadlineRule

_TRIGGER_ZH = {
    Trigger.INCIDENT: "發生事故時",
    Trigger.REQUEST_ACCESS: "當事人請求查詢、閱覽或製給複製本時",
    Trigger.REQUEST_CORRECTION: "當事人請求補充、更正、停止蒐集處理利用或刪除時",
    Trigger.MARKETING_REFUSAL: "當事人表示拒絕行銷時",
    Trigger.DATA_CORRECTED: "更正或補充個資後",
    Trigger.UNLAWFUL_INSTRUCTION: "認為委託者之指示違反個資法時",
}
_REQUIREMENT_ZH = {
    Requirement.PERSONAL_DATA: "個資事故",
    Requirement.CYBER: "資通安全事件",
    Requirement.SERIOUS: "危及正常營運或大量當事人權益",
    Requirement.NCC_SERIOUS: "屬NCC所定重大事故",
    Requirement.AUTHORITY_NOTICE: "經主管機關告知",
    Requirement.VIOLATION: "因違反個資法所致",
    Requirement.AT_FAULT: "可歸責於本身",
}
_ANCHOR_AFTER_ZH = {
    Anchor.OCCURRED: "發生後",
    Anchor.DISCOVERED: "發現後",
    Anchor.AWARE: "知悉後",
    Anchor.CONFIRMED: "查明後",
    Anchor.RECOVERED: "完成損害控制或復原後",
    Anchor.HANDLING_ENDED: "處理結束後",
    Anchor.AUTHORITY_NOTICE: "經主管機關告知後",
    Anchor.REQUEST_RECEIVED: "受理後",
    Anchor.CORRECTED: "更正或補充後",
    Anchor.INSTRUCTION_RECEIVED: "收到指示後",
}
_UNIT_ZH = {Unit.HOURS: "小時", Unit.DAYS: "日", Unit.MONTHS: "個月"}


@dataclass(frozen=True)
class PlainRule:
    """One legal clock in words: 「個資事故且危及正常營運或大量當事人權益時」「知悉後72小時內」."""

    when_zh: str
    deadline_zh: str
    what_zh: str
    recipient_zh: str
    form_zh: str
    counting_zh: str  # how the period is counted, "" for hour periods and immediate duties


def _when(rule: DeadlineRule) -> str:
    if rule.trigger is not Trigger.INCIDENT:
        return _TRIGGER_ZH[rule.trigger]
    kinds = [r for r in (Requirement.PERSONAL_DATA, Requirement.CYBER) if r in rule.requires]
    kind = "、".join(_REQUIREMENT_ZH[r] for r in kinds) or "事故"
    conditions = [_REQUIREMENT_ZH[r] for r in sorted(rule.requires) if r not in kinds]
    if rule.level_in:
        conditions.append("屬第" + "、".join(str(level) for level in sorted(rule.level_in)) + "級")
    if conditions:
        return f"發生{kind}且{'、'.join(conditions)}時"
    return f"發生{kind}時"


def _deadline(rule: DeadlineRule) -> str:
    after = _ANCHOR_AFTER_ZH[rule.anchor]
    if rule.unit in _UNIT_ZH:
        text = f"{after}{rule.duration}{_UNIT_ZH[rule.unit]}內"
        if rule.max_extension:
            text += f"（必要時得延長{rule.max_extension}{_UNIT_ZH[rule.unit]}，並以書面通知理由）"
        return text
    if rule.unit is Unit.IMMEDIATELY:
        return f"{after}立即"
    if rule.unit is Unit.CONTRACT:
        return f"{after}依委託契約約定之時限（未約定者立即）"
    return f"{after}儘速（法令未定時限，宜立即辦理）"


def describe(rule: DeadlineRule) -> PlainRule:
    """The rule in plain words."""
    counting = ""
    if rule.unit in (Unit.DAYS, Unit.MONTHS):
        counting = "始日不算入，算至末日24:00；末日為假日者順延至次一工作日（民法第120條至第122條）"
    return PlainRule(_when(rule), _deadline(rule), rule.title_zh, rule.recipient_zh, rule.form_zh, counting)
