"""Deadline rules in plain words, for pages that lead with the answer ("知悉後72小時內通報數位發展部").

Pure Python. ``describe`` turns a ``DeadlineRule`` into the sentence parts a reader needs — when the clock
starts, how long it runs, what to do and for whom — without rule ids or version codes, in zh-TW (``*_zh``)
and English (``*_en``, for English pages; an English text the catalogue lacks falls back to the Chinese).
"""

from __future__ import annotations

from dataclasses import dataclass

from .english import recipient_en
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

_TRIGGER_EN = {
    Trigger.INCIDENT: "When an incident occurs",
    Trigger.REQUEST_ACCESS: "When a data subject asks to see, review or copy their data",
    Trigger.REQUEST_CORRECTION: (
        "When a data subject asks to supplement or correct their data, or to stop its collection, processing "
        "or use, or to delete it"
    ),
    Trigger.MARKETING_REFUSAL: "When a data subject refuses marketing",
    Trigger.DATA_CORRECTED: "After personal data is corrected or supplemented",
    Trigger.UNLAWFUL_INSTRUCTION: "When a client's instruction is believed to breach the PDPA",
}
_REQUIREMENT_EN = {
    Requirement.PERSONAL_DATA: "a personal data incident",
    Requirement.CYBER: "a cyber security incident",
    Requirement.SERIOUS: "it endangers normal operation or the rights of many data subjects",
    Requirement.NCC_SERIOUS: "it is a serious incident under the NCC rule",
    Requirement.AUTHORITY_NOTICE: "the authority has given notice",
    Requirement.VIOLATION: "it was caused by a PDPA violation",
    Requirement.AT_FAULT: "we are at fault",
}
_ANCHOR_AFTER_EN = {
    Anchor.OCCURRED: "of occurrence",
    Anchor.DISCOVERED: "of discovery",
    Anchor.AWARE: "of becoming aware",
    Anchor.CONFIRMED: "of confirmation",
    Anchor.RECOVERED: "of completing containment or recovery",
    Anchor.HANDLING_ENDED: "of the end of handling",
    Anchor.AUTHORITY_NOTICE: "of the authority's notice",
    Anchor.REQUEST_RECEIVED: "of receiving the request",
    Anchor.CORRECTED: "of the correction or supplement",
    Anchor.INSTRUCTION_RECEIVED: "of receiving the instruction",
}
_UNIT_EN = {Unit.HOURS: "hours", Unit.DAYS: "days", Unit.MONTHS: "months"}


@dataclass(frozen=True)
class PlainRule:
    """One legal clock in words: 「個資事故且危及正常營運或大量當事人權益時」「知悉後72小時內」."""

    when_zh: str
    deadline_zh: str
    what_zh: str
    recipient_zh: str
    form_zh: str
    counting_zh: str  # how the period is counted, "" for hour periods and immediate duties
    when_en: str = ""
    deadline_en: str = ""
    what_en: str = ""
    recipient_en: str = ""
    form_en: str = ""
    counting_en: str = ""


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


def _when_en(rule: DeadlineRule) -> str:
    if rule.trigger is not Trigger.INCIDENT:
        return _TRIGGER_EN[rule.trigger]
    kinds = [r for r in (Requirement.PERSONAL_DATA, Requirement.CYBER) if r in rule.requires]
    kind = " or ".join(_REQUIREMENT_EN[r] for r in kinds) or "an incident"
    conditions = [_REQUIREMENT_EN[r] for r in sorted(rule.requires) if r not in kinds]
    if rule.level_in:
        conditions.append("it is level " + " or ".join(str(level) for level in sorted(rule.level_in)))
    if conditions:
        return f"When {kind} occurs and {' and '.join(conditions)}"
    return f"When {kind} occurs"


def _deadline_en(rule: DeadlineRule) -> str:
    after = _ANCHOR_AFTER_EN[rule.anchor]
    if rule.unit in _UNIT_EN:
        text = f"within {rule.duration} {_UNIT_EN[rule.unit]} {after}"
        if rule.max_extension:
            text += f" (extendable by {rule.max_extension} {_UNIT_EN[rule.unit]} when necessary, with the reasons in writing)"
        return text
    if rule.unit is Unit.IMMEDIATELY:
        return f"at once on {after.removeprefix('of ')}"
    if rule.unit is Unit.CONTRACT:
        return f"within the time the client contract sets, counted from {after.removeprefix('of ')} (at once if it sets none)"
    return f"as soon as possible after {after.removeprefix('of ')} (the law sets no time limit; act at once)"


def describe(rule: DeadlineRule) -> PlainRule:
    """The rule in plain words."""
    counting = counting_en = ""
    if rule.unit in (Unit.DAYS, Unit.MONTHS):
        counting = "始日不算入，算至末日24:00；末日為假日者順延至次一工作日（民法第120條至第122條）"
        counting_en = (
            "The first day is not counted and the period ends at 24:00 on its last day; a last day on a holiday "
            "moves to the next working day (Civil Code Art. 120 to 122)"
        )
    return PlainRule(
        _when(rule),
        _deadline(rule),
        rule.title_zh,
        rule.recipient_zh,
        rule.form_zh,
        counting,
        when_en=_when_en(rule),
        deadline_en=_deadline_en(rule),
        what_en=rule.title_en,
        recipient_en=recipient_en(rule.recipient_zh) or "",
        form_en=rule.form_en,
        counting_en=counting_en,
    )
