"""Deadline rules in plain words, for pages that lead with the answer ("知悉後72小時內通報數位發展部").

Pure Python. ``describe`` turns a ``DeadlineRule`` into the sentence parts a reader needs — when the clock
starts, how long it runs, what to do and for whom — without rule ids or version codes, in zh-TW (``*_zh``)
and English (``*_en``, for English pages; an English text the catalogue lacks falls back to the Chinese).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .english import recipient_en
from .enums import Anchor, Requirement, Trigger, Unit
from .model import DeadlineRule


@dataclass(frozen=True)
class _Words:
    """One language's words and sentence templates for a legal clock: the zh-TW and English sentences
    have the same shape, so one builder fills either table."""

    trigger: Mapping[Trigger, str]
    requirement: Mapping[Requirement, str]
    anchor: Mapping[Anchor, str]  # the moment the clock starts, as the templates' {anchor}
    unit: Mapping[Unit, str]
    incident: str  # the kind when the rule names neither personal data nor cyber security
    kinds_joiner: str
    conditions_joiner: str
    levels: str  # {levels}
    levels_joiner: str
    occurs: str  # {kind}
    occurs_if: str  # {kind}, {conditions}
    period: str  # {anchor}, {n}, {unit}
    extension: str  # {n}, {unit}
    immediately: str  # {anchor}
    contract: str  # {anchor}
    unspecified: str  # {anchor}


_ZH = _Words(
    trigger={
        Trigger.INCIDENT: "發生事故時",
        Trigger.REQUEST_ACCESS: "當事人請求查詢、閱覽或製給複製本時",
        Trigger.REQUEST_CORRECTION: "當事人請求補充、更正、停止蒐集處理利用或刪除時",
        Trigger.MARKETING_REFUSAL: "當事人表示拒絕行銷時",
        Trigger.DATA_CORRECTED: "更正或補充個資後",
        Trigger.UNLAWFUL_INSTRUCTION: "認為委託者之指示違反個資法時",
    },
    requirement={
        Requirement.PERSONAL_DATA: "個資事故",
        Requirement.CYBER: "資通安全事件",
        Requirement.SERIOUS: "危及正常營運或大量當事人權益",
        Requirement.NCC_SERIOUS: "屬NCC所定重大事故",
        Requirement.AUTHORITY_NOTICE: "經主管機關告知",
        Requirement.VIOLATION: "因違反個資法所致",
        Requirement.AT_FAULT: "可歸責於本身",
    },
    anchor={
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
    },
    unit={Unit.HOURS: "小時", Unit.DAYS: "日", Unit.MONTHS: "個月"},
    incident="事故",
    kinds_joiner="、",
    conditions_joiner="、",
    levels="屬第{levels}級",
    levels_joiner="、",
    occurs="發生{kind}時",
    occurs_if="發生{kind}且{conditions}時",
    period="{anchor}{n}{unit}內",
    extension="（必要時得延長{n}{unit}，並以書面通知理由）",
    immediately="{anchor}立即",
    contract="{anchor}依委託契約約定之時限（未約定者立即）",
    unspecified="{anchor}儘速（法令未定時限，宜立即辦理）",
)
_EN = _Words(
    trigger={
        Trigger.INCIDENT: "When an incident occurs",
        Trigger.REQUEST_ACCESS: "When a data subject asks to see, review or copy their data",
        Trigger.REQUEST_CORRECTION: (
            "When a data subject asks to supplement or correct their data, or to stop its collection, "
            "processing or use, or to delete it"
        ),
        Trigger.MARKETING_REFUSAL: "When a data subject refuses marketing",
        Trigger.DATA_CORRECTED: "After personal data is corrected or supplemented",
        Trigger.UNLAWFUL_INSTRUCTION: "When a client's instruction is believed to breach the PDPA",
    },
    requirement={
        Requirement.PERSONAL_DATA: "a personal data incident",
        Requirement.CYBER: "a cyber security incident",
        Requirement.SERIOUS: "it endangers normal operation or the rights of many data subjects",
        Requirement.NCC_SERIOUS: "it is a serious incident under the NCC rule",
        Requirement.AUTHORITY_NOTICE: "the authority has given notice",
        Requirement.VIOLATION: "it was caused by a PDPA violation",
        Requirement.AT_FAULT: "we are at fault",
    },
    anchor={
        Anchor.OCCURRED: "occurrence",
        Anchor.DISCOVERED: "discovery",
        Anchor.AWARE: "becoming aware",
        Anchor.CONFIRMED: "confirmation",
        Anchor.RECOVERED: "completing containment or recovery",
        Anchor.HANDLING_ENDED: "the end of handling",
        Anchor.AUTHORITY_NOTICE: "the authority's notice",
        Anchor.REQUEST_RECEIVED: "receiving the request",
        Anchor.CORRECTED: "the correction or supplement",
        Anchor.INSTRUCTION_RECEIVED: "receiving the instruction",
    },
    unit={Unit.HOURS: "hours", Unit.DAYS: "days", Unit.MONTHS: "months"},
    incident="an incident",
    kinds_joiner=" or ",
    conditions_joiner=" and ",
    levels="it is level {levels}",
    levels_joiner=" or ",
    occurs="When {kind} occurs",
    occurs_if="When {kind} occurs and {conditions}",
    period="within {n} {unit} of {anchor}",
    extension=" (extendable by {n} {unit} when necessary, with the reasons in writing)",
    immediately="at once on {anchor}",
    contract="within the time the client contract sets, counted from {anchor} (at once if it sets none)",
    unspecified="as soon as possible after {anchor} (the law sets no time limit; act at once)",
)


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


def _when(rule: DeadlineRule, words: _Words) -> str:
    if rule.trigger is not Trigger.INCIDENT:
        return words.trigger[rule.trigger]
    kinds = [r for r in (Requirement.PERSONAL_DATA, Requirement.CYBER) if r in rule.requires]
    kind = words.kinds_joiner.join(words.requirement[r] for r in kinds) or words.incident
    conditions = [words.requirement[r] for r in sorted(rule.requires) if r not in kinds]
    if rule.level_in:
        levels = words.levels_joiner.join(str(level) for level in sorted(rule.level_in))
        conditions.append(words.levels.format(levels=levels))
    if conditions:
        return words.occurs_if.format(kind=kind, conditions=words.conditions_joiner.join(conditions))
    return words.occurs.format(kind=kind)


def _deadline(rule: DeadlineRule, words: _Words) -> str:
    anchor = words.anchor[rule.anchor]
    if rule.unit in words.unit:
        unit = words.unit[rule.unit]
        text = words.period.format(anchor=anchor, n=rule.duration, unit=unit)
        if rule.max_extension:
            text += words.extension.format(n=rule.max_extension, unit=unit)
        return text
    if rule.unit is Unit.IMMEDIATELY:
        return words.immediately.format(anchor=anchor)
    if rule.unit is Unit.CONTRACT:
        return words.contract.format(anchor=anchor)
    return words.unspecified.format(anchor=anchor)


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
        _when(rule, _ZH),
        _deadline(rule, _ZH),
        rule.title_zh,
        rule.recipient_zh,
        rule.form_zh,
        counting,
        when_en=_when(rule, _EN),
        deadline_en=_deadline(rule, _EN),
        what_en=rule.title_en,
        recipient_en=recipient_en(rule.recipient_zh) or "",
        form_en=rule.form_en,
        counting_en=counting_en,
    )
