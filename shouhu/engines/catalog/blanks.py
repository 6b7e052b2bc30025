"""Validation of the values an answer puts into an option's fill-in blanks."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from enum import StrEnum

from shouhu.engines.catalog.errors import BlankValueError
from shouhu.engines.catalog.model import Blank, BlankType, Item, Option

MAX_TEXT_LENGTH = 500
MAX_NUMBER = 9999

BlankValue = str | int | dict[str, int | str]


class FrequencyUnit(StrEnum):
    """Period of a frequency answer (「1 年 2 次」 is 2 times every 1 year)."""

    YEAR = "year"
    HALF_YEAR = "half_year"
    QUARTER = "quarter"
    MONTH = "month"
    WEEK = "week"
    DAY = "day"


_UNIT_WORDS = {
    "半年": FrequencyUnit.HALF_YEAR,
    "年": FrequencyUnit.YEAR,
    "季": FrequencyUnit.QUARTER,
    "月": FrequencyUnit.MONTH,
    "週": FrequencyUnit.WEEK,
    "周": FrequencyUnit.WEEK,
    "星期": FrequencyUnit.WEEK,
    "日": FrequencyUnit.DAY,
    "天": FrequencyUnit.DAY,
}
_FREQUENCY_TEXT = re.compile(
    r"^(?:每)?\s*(?P<every>\d+)?\s*(?:個)?\s*(?P<unit>半年|年|季|月|週|周|星期|日|天)\s*"
    r"(?:至少)?\s*(?P<times>\d+)\s*次$"
)

# The same answer typed on an English page: 「2 times a year」, 「1 time(s) every 2 years」, 「once per quarter」.
_UNIT_WORDS_EN = {
    "half-year": FrequencyUnit.HALF_YEAR,
    "half year": FrequencyUnit.HALF_YEAR,
    "year": FrequencyUnit.YEAR,
    "quarter": FrequencyUnit.QUARTER,
    "month": FrequencyUnit.MONTH,
    "week": FrequencyUnit.WEEK,
    "day": FrequencyUnit.DAY,
}
_FREQUENCY_TEXT_EN = re.compile(
    r"^(?:(?P<times>\d+)\s*(?:times?|time\(s\)|x)|(?P<once>once)|(?P<twice>twice))\s+(?:a|an|per|every)\s+"
    r"(?:(?P<every>\d+)\s+)?(?P<unit>half[- ]years?|years?|quarters?|months?|weeks?|days?)$",
    re.IGNORECASE,
)


def _english_frequency(text: str) -> dict[str, int | str] | None:
    match = _FREQUENCY_TEXT_EN.match(text)
    if match is None:
        return None
    times = 1 if match.group("once") else 2 if match.group("twice") else int(match.group("times"))
    unit = match.group("unit").lower().removesuffix("s")
    return {"times": times, "every": int(match.group("every") or 1), "unit": _UNIT_WORDS_EN[unit].value}


def validate_blanks(
    item: Item, option_id: str, values: Mapping[str, object], *, partial: bool = False
) -> dict[str, BlankValue]:
    """Check and normalise the blank values of one ticked option.

    ``values`` maps blank ids (``b1`` …) to raw input. Returns the normalised values:
    text stripped, numbers as ``int``, frequencies as ``{"times", "every", "unit"}``.
    With ``partial`` a draft may leave blanks empty. Raises ``BlankValueError`` with a
    zh-TW message naming the item and the printed option.
    """
    option = item.option(option_id)
    if option is None:
        raise BlankValueError(
            f"{item.display_number}沒有選項「{option_id}」",
            code="no_option",
            facts={"item": item, "option": option_id},
        )
    unknown = sorted(set(values) - {blank.id for blank in option.blanks})
    if unknown:
        raise _error(item, option, f"沒有填空欄位：{'、'.join(unknown)}", "unknown_blanks", blanks=unknown)
    cleaned: dict[str, BlankValue] = {}
    for blank in option.blanks:
        raw = values.get(blank.id)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            if not partial:
                raise _error(item, option, f"須填寫{blank.label}", "required", blank=blank)
            continue
        cleaned[blank.id] = _validate_one(item, option, blank, raw)
    return cleaned


def _validate_one(item: Item, option: Option, blank: Blank, raw: object) -> BlankValue:
    if blank.type is BlankType.TEXT:
        if not isinstance(raw, str):
            raise _error(item, option, f"{blank.label}須填文字", "text", blank=blank)
        text = raw.strip()
        if len(text) > MAX_TEXT_LENGTH:
            raise _error(item, option, f"{blank.label}不得超過 {MAX_TEXT_LENGTH} 字", "too_long", blank=blank,
                         limit=MAX_TEXT_LENGTH)  # fmt: skip
        return text
    if blank.type is BlankType.NUMBER:
        return _number(item, option, raw)
    return _frequency(item, option, blank, raw)


def _number(item: Item, option: Option, raw: object) -> int:
    if isinstance(raw, bool):
        raise _error(item, option, "須填數字", "number")
    if isinstance(raw, str):
        text = unicodedata.normalize("NFKC", raw).strip()
        if not text.isascii() or not text.isdigit():
            raise _error(item, option, "須填數字", "number")
        raw = int(text)
    if not isinstance(raw, int):
        raise _error(item, option, "須填數字", "number")
    if not 1 <= raw <= MAX_NUMBER:
        raise _error(item, option, f"須填 1 至 {MAX_NUMBER} 的整數", "range", limit=MAX_NUMBER)
    return raw


def _frequency(item: Item, option: Option, blank: Blank, raw: object) -> dict[str, int | str]:
    hint = f"{blank.label}須填頻率，例如「1 年 2 次」或「每季 1 次」"
    if isinstance(raw, str):
        text = unicodedata.normalize("NFKC", raw).strip()
        match = _FREQUENCY_TEXT.match(text)
        english = _english_frequency(text) if match is None else None
        if match is None and english is None:
            raise _error(item, option, hint, "frequency", blank=blank)
        raw = english or {
            "times": int(match.group("times")),  # type: ignore[union-attr]
            "every": int(match.group("every") or 1),  # type: ignore[union-attr]
            "unit": _UNIT_WORDS[match.group("unit")].value,  # type: ignore[union-attr]
        }
    if not isinstance(raw, Mapping) or set(raw) - {"times", "every", "unit"}:
        raise _error(item, option, hint, "frequency", blank=blank)
    times, every, unit = raw.get("times"), raw.get("every", 1), raw.get("unit")
    if not _positive_int(times) or not _positive_int(every):
        raise _error(item, option, hint, "frequency", blank=blank)
    if unit not in {member.value for member in FrequencyUnit}:
        raise _error(item, option, hint, "frequency", blank=blank)
    return {"times": times, "every": every, "unit": str(unit)}


def _positive_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_NUMBER


def _error(item: Item, option: Option, problem: str, code: str, **facts: object) -> BlankValueError:
    return BlankValueError(
        f"{item.display_number}『{option.printed_text}』{problem}",
        code=code,
        facts={"item": item, "option": option, **facts},
    )
