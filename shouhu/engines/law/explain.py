"""The sentences that explain a legal clock, written once in each language from the same facts.

The deadline engine collects ``Line`` pieces (why the clock applies, when it starts and ends, how the period
is counted, what is still unknown) and joins them per language: the English explanation is written from the
facts, not translated from the finished Chinese one. Dates read as ROC dates in Chinese and ISO dates in
English; laws are cited by name and article, never by their database code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from .enums import Anchor, Unit
from .model import DeadlineRule, LawVersion
from .pending import PendingFact, labels_en, labels_zh
from .periods import weekday_zh
from .timeutil import TAIPEI, format_taipei

_PCODE = re.compile(r"（[A-Z]\d{7}）")
_UNIT_ZH = {Unit.HOURS: "小時", Unit.DAYS: "日", Unit.MONTHS: "個月"}
_UNIT_EN = {Unit.HOURS: "hour", Unit.DAYS: "day", Unit.MONTHS: "month"}


@dataclass(frozen=True)
class Line:
    """One sentence of an explanation, in Traditional Chinese and in English."""

    zh: str
    en: str


def join(lines: Iterable[Line]) -> tuple[str, str]:
    """The Chinese and the English explanation (Chinese sentences end in 「。」 and are run together)."""
    pieces = list(lines)
    return "".join(p.zh for p in pieces), " ".join(p.en for p in pieces if p.en)


def without_codes(text: str) -> str:
    """A citation stored before laws were cited without their database code: 「個人資料保護法（I0050021）第12條」
    → 「個人資料保護法第12條」 (the code stays in the catalogue as the link to the Laws & Regulations Database)."""
    return _PCODE.sub("", text)


def roc_day(day: date) -> str:
    return f"民國{day.year - 1911}年{day.month}月{day.day}日"


def time_en(value: datetime) -> str:
    """2026-11-27 14:30 (Taipei time)."""
    return f"{value.astimezone(TAIPEI):%Y-%m-%d %H:%M} (Taipei time)"


def day_en(day: date) -> str:
    """2026-11-30 (Monday)."""
    return f"{day.isoformat()} ({day:%A})"


def duration(rule: DeadlineRule) -> Line:
    if rule.unit in _UNIT_ZH:
        plural = "" if rule.duration == 1 else "s"
        return Line(f"{rule.duration}{_UNIT_ZH[rule.unit]}", f"{rule.duration} {_UNIT_EN[rule.unit]}{plural}")
    return {
        Unit.IMMEDIATELY: Line("立即", "at once"),
        Unit.UNSPECIFIED: Line("未定時限", "no time limit set"),
        Unit.CONTRACT: Line("依契約約定", "as agreed in the contract"),
    }[rule.unit]


def headline(
    *,
    reason: Line,
    rule: DeadlineRule,
    anchor_at: datetime,
    last_day: date | None,
    due_at: datetime,
    basis: Line,
    version: LawVersion,
) -> Line:
    """Why the clock applies, when it starts and ends, and the articles it rests on."""
    period = duration(rule)
    if last_day is not None:
        due_zh, due_en = (
            f"{roc_day(last_day)} 24:00（臺北時間）",
            f"{last_day.isoformat()} 24:00 (Taipei time)",
        )
    else:
        due_zh, due_en = format_taipei(due_at), time_en(due_at)
    zh = (
        f"{reason.zh}。自{rule.anchor.label_zh}（{format_taipei(anchor_at)}）起{period.zh}，期限 {due_zh}。"
        f"依據：{basis.zh}（{version.label_zh}，{version.status.label_zh}）。"
    )
    en = (
        f"{_sentence(reason.en)}. Runs {period.en} from {rule.anchor.label_en} ({time_en(anchor_at)}); due "
        f"{due_en}. Basis: {basis.en} ({version.label_en or version.status.label_en}, {version.status.label_en})."
    )
    return Line(zh, en)


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def civil_code_start() -> Line:
    return Line(
        "依民法第120條第2項始日不算入，期間至末日24:00止。",
        "The first day is not counted (Civil Code Art. 120(2)); the period ends at 24:00 of its last day.",
    )


def rolled(rolled_from: date, last_day: date) -> Line:
    return Line(
        f"末日{roc_day(rolled_from)}（{weekday_zh(rolled_from)}）為休息日，"
        f"依民法第122條以次一工作日{roc_day(last_day)}（{weekday_zh(last_day)}）代之。",
        f"The last day, {day_en(rolled_from)}, is a rest day, so the next working day, {day_en(last_day)}, "
        "takes its place (Civil Code Art. 122).",
    )


def outside_calendar() -> Line:
    return Line(
        "末日超出辦公日曆表資料範圍，未依民法第122條順延（保守解讀）。",
        "The last day is outside the office calendar data, so it was not moved off a rest day under Civil Code "
        "Art. 122 (conservative reading).",
    )


def unspecified() -> Line:
    return Line(
        "法令或契約未定時限，採保守解讀為立即辦理。",
        "Neither the law nor the contract sets a time limit; the conservative reading is to act at once.",
    )


def contract_hours(whose_zh: str, whose_en: str, hours: int) -> Line:
    """``whose_*``: "" for our own contract, else how the client is named."""
    where_en = f" with {whose_en}" if whose_en else ""
    return Line(
        f"依{whose_zh}委託契約約定 {hours} 小時內通知。",
        f"Notify within {hours} hours, as agreed in the commission contract{where_en}.",
    )


def contract_unknown(whose_zh: str, whose_en: str) -> Line:
    where_en = f" with {whose_en}" if whose_en else ""
    return Line(
        f"{whose_zh}委託契約約定之通知時限不明，採保守解讀為立即通知；請確認契約約定。",
        f"The notice period agreed in the commission contract{where_en} is not yet known — shown provisionally "
        "as immediate notice (conservative reading); check the contract.",
    )


def conservative_anchor(anchor: Anchor) -> Line:
    return Line(
        f"法令未明定起算時點，採保守解讀自{anchor.label_zh}時起算。",
        f"The law does not say when the period starts; the conservative reading counts from {anchor.label_en}.",
    )


def stand_in_later(anchor: Anchor, fallback: Anchor) -> Line:
    return Line(
        f"尚無{anchor.label_zh}時間，暫以{fallback.label_zh}時間起算；實際{anchor.label_zh}較早者，期限應提前。",
        f"The time of {anchor.label_en} is not yet known — counted provisionally from {fallback.label_en}; if "
        f"{anchor.label_en} was earlier, the deadline is earlier too.",
    )


def stand_in_earlier(anchor: Anchor, fallback: Anchor) -> Line:
    return Line(
        f"尚無{anchor.label_zh}時間，採保守解讀以{fallback.label_zh}時間起算。",
        f"The time of {anchor.label_en} is not yet known — counted provisionally from {fallback.label_en} "
        "(conservative reading).",
    )


def unverified() -> Line:
    return Line(
        "本規則或其適用判斷含未經查證之內容。", "This rule or its applicability test is not fully verified."
    )


def rule_notes(rule: DeadlineRule) -> Line:
    return Line(rule.notes_zh, rule.notes_en)


def pending(facts: tuple[PendingFact, ...]) -> Line:
    """What is not yet known; the clock is shown meanwhile (never dropped)."""
    return Line(
        f"待判斷：{labels_zh(facts)}。在確定之前，本期限照常顯示、倒數及提醒；確定為「否」（並記錄理由）後才移除。",
        f"Not yet known: {labels_en(facts)} — shown provisionally. Until it is decided, this deadline is shown, "
        "counted down and reminded as usual; it is removed only once the answer is no (with the reason recorded).",
    )
