"""Cell parsers shared by the import specs. Each raises ``CellError`` carrying a ``core.messages`` message: the
preview stores its key and facts, so a row's errors read in the language of whoever opens the preview, not of
whoever uploaded the file."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Mapping

from django.conf import settings
from django.db.models import TextChoices
from django.utils import translation
from django.utils.translation import gettext_noop as N_

from shouhu.core.messages import Message, both, compose, define, joined
from shouhu.core.rocdate import parse_date
from shouhu.core.validation import Span, bounds

SPLIT = re.compile(r"[、,，;；\n]+")
TRUE = {"是", "y", "yes", "true", "1", "v", "✓", "✔", "有"}
FALSE = {"否", "n", "no", "false", "0", "", "無"}


class CellError(ValueError):
    """A cell that cannot be read: ``message`` is what the row's error list keeps (its text is zh-TW)."""

    def __init__(self, message: Message | str) -> None:
        super().__init__(str(message))
        self.message = message


def _names(f: dict[str, object]) -> dict[str, object]:
    return {**f, "names": joined(f["names"])}  # type: ignore[arg-type]


NOT_YES_NO = define("import.not_yes_no", N_("「{value}」不是「是」或「否」。"))
NOT_NUMBER = define("import.not_number", N_("「{value}」不是數字。"))
NOT_COUNT = define("import.not_count", N_("「{value}」須為 0 以上的整數。"))
NOT_DATE = define("import.not_date", N_("「{value}」不是日期（例如 2026-11-26 或 民國115年11月26日）。"))
DATE_RANGE = define("import.date_range", N_("日期（{value}）不在合理範圍內：須介於 {first} 與 {last} 之間"))
REQUIRED = define("import.required", N_("必填。"))
NOT_OPTION = define("import.not_option", N_("「{value}」不是有效選項（{options}）。"))
NOT_FOUND = define("import.not_found", N_("找不到{what}：{names}"), _names)


def multi(value: str) -> list[str]:
    return [p.strip() for p in SPLIT.split(value) if p.strip()]


CODED = re.compile(r"^\s*(\d{1,3}|[Cc]\d{3})(?:\s*[：:]\s*|\s+|$)(.*)$", re.DOTALL)


def code_key(code: str) -> str:
    """「1」→「001」, 「c001」→「C001」."""
    return code.zfill(3) if code.isdigit() else code.upper()


def coded_list(value: str, names: Mapping[str, str]) -> list[str]:
    """Split a list of MOJ codes written with their names, keeping 「、」 inside a name.

    「069 契約、類似契約或其他法律關係事務、040 行銷」 is two entries: a piece that does not start with a
    code joins the entry before it only while the joined text is still part of that code's official name
    (``names``: code → name), so a custom entry after a coded one is never swallowed. An official name
    written without its code (「行政裁罰、行政調查」, as people copy it from the MOJ list) is one entry and
    gets its code in front (「039 行政裁罰、行政調查」); the longest official name wins.
    """
    by_name = {name: code for code, name in names.items() if name}
    tokens = multi(value)
    parts: list[str] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        i += 1
        if CODED.match(token):
            parts.append(token)
            continue
        if parts:
            previous = CODED.match(parts[-1])
            if previous:
                official = names.get(code_key(previous.group(1)), "")
                joined = f"{previous.group(2).strip()}、{token}"
                if official and previous.group(2).strip() and joined in official:
                    parts[-1] = f"{parts[-1]}、{token}"
                    continue
        for end in range(len(tokens), i - 1, -1):
            name = "、".join([token, *tokens[i:end]])
            if name in by_name:
                parts.append(f"{by_name[name]} {name}")
                i = end
                break
        else:
            parts.append(token)
    return parts


def boolean(value: str) -> bool:
    v = value.strip().casefold()
    if v in TRUE:
        return True
    if v in FALSE:
        return False
    raise CellError(compose(NOT_YES_NO, value=value))


def integer(value: str) -> int:
    v = value.replace(",", "").replace("，", "").strip()
    if not v:
        return 0
    try:
        number = float(v)
    except ValueError:
        raise CellError(compose(NOT_NUMBER, value=value)) from None
    if not number.is_integer() or number < 0:
        raise CellError(compose(NOT_COUNT, value=value))
    return int(number)


def date(value: str) -> dt.date | None:
    v = value.strip()
    if not v:
        return None
    try:
        parsed: dt.date | None = dt.date.fromisoformat(v[:10])
    except ValueError:
        try:
            parsed = parse_date(v)
        except (ValueError, TypeError):
            parsed = None
    if parsed is None:
        raise CellError(compose(NOT_DATE, value=value))
    return _in_range(parsed)


def _in_range(parsed: dt.date) -> dt.date:
    """The import's dates are days something happened (筆數計算日期): the shared sane range."""
    first, last = bounds(Span.PAST)
    if not first <= parsed <= last:
        raise CellError(
            compose(DATE_RANGE, value=parsed.isoformat(), first=first.isoformat(), last=last.isoformat())
        )
    return parsed


@functools.cache
def _options_in(choices: type[TextChoices], language: str) -> tuple[tuple[str, str], ...]:
    with translation.override(language):
        return tuple((str(code), str(label)) for code, label in choices.choices)


def _options(choices: type[TextChoices]) -> tuple[tuple[str, str], ...]:
    """(code, label) in the active language (cached per language: labels are lazy)."""
    return _options_in(choices, translation.get_language() or settings.LANGUAGE_CODE)


def _matches(v: str, code: str, label: str) -> bool:
    return v.casefold() == code.casefold() or v == label or label.startswith(v) or v.startswith(label)


def choice(value: str, choices: type[TextChoices], *, required: bool = True) -> str:
    """A choice by its code or its label — zh-TW first, then English (a file reads the same whichever
    language the page that imports it is in); the refusal lists the labels in the active language."""
    v = value.strip()
    if not v:
        if required:
            raise CellError(compose(REQUIRED))
        return ""
    for code, label in _options_in(choices, settings.LANGUAGE_CODE):
        if _matches(v, code, label):
            return code
    for code, label in _options_in(choices, "en"):
        if v.casefold() == label.casefold():
            return code
    options = both(lambda: joined(label for _code, label in _options(choices)))
    raise CellError(compose(NOT_OPTION, value=v, options=options))


def choices(value: str, options: type[TextChoices]) -> list[str]:
    out: list[str] = []
    for part in multi(value):
        code = choice(part, options)
        if code not in out:
            out.append(code)
    return out


def lookup(names: Iterable[str], table: dict[str, int], what: object) -> list[int]:
    """The ids of ``names`` in ``table``; ``what`` (a lazy label) names the kind in the refusal."""
    ids, missing = [], []
    for name in names:
        pk = table.get(name.casefold())
        if pk is None:
            missing.append(name)
        elif pk not in ids:
            ids.append(pk)
    if missing:
        raise CellError(compose(NOT_FOUND, what=both(what), names=missing))
    return ids
