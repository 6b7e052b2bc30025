"""The catalogue engine's blank-value refusals (``BlankValueError``: a code and facts) in the reader's words.

The engine only knows zh-TW; the sentences live here as messages (``core.messages``) so English pages get
the English from the catalogue, with the item number, option and blank named in the page's language.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_noop as N_

from shouhu.core.bilingual import english
from shouhu.core.messages import define, joined, render
from shouhu.engines.catalog import BlankValueError


def _words(f: dict[str, Any]) -> dict[str, Any]:
    en = english()
    item, option, blank = f["item"], f["option"], f.get("blank")
    if not isinstance(option, str):
        option = option.render_en({}) if en else option.printed_text
    return {
        "item": item.display_number_en if en else item.display_number,
        "option": option,
        "blank": ((blank.label_en or blank.label) if en else blank.label) if blank else "",
        "limit": f.get("limit", ""),
        "blanks": joined(f.get("blanks", ())),
    }


KEYS = {
    code: define(f"catalog.blank.{code}", zh, _words)
    for code, zh in (
        ("no_option", N_("{item}沒有選項「{option}」")),
        ("unknown_blanks", N_("{item}『{option}』沒有填空欄位：{blanks}")),
        ("required", N_("{item}『{option}』須填寫{blank}")),
        ("text", N_("{item}『{option}』{blank}須填文字")),
        ("too_long", N_("{item}『{option}』{blank}不得超過 {limit} 字")),
        ("number", N_("{item}『{option}』須填數字")),
        ("range", N_("{item}『{option}』須填 1 至 {limit} 的整數")),
        ("frequency", N_("{item}『{option}』{blank}須填頻率，例如「1 年 2 次」或「每季 1 次」")),
    )
}


def blank_error_text(exc: BlankValueError) -> str:
    """The refusal in the active language (the engine's zh-TW text for a code this module does not know)."""
    return render(KEYS.get(exc.code, ""), exc.facts, str(exc))
