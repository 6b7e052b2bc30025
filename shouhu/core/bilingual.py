"""Texts the engines carry in both languages (``title_zh`` / ``title_en``), picked by the page's language.

The pure engines cannot use Django's catalogues, so their records hold both texts. ``pick`` chooses one
now; ``lazy_pick`` chooses when rendered (for model choices and form labels built at import time). Official
documents render in zh-TW (``core.official``), so they get the Chinese text either way.
"""

from __future__ import annotations

from django.utils.functional import lazy
from django.utils.translation import get_language


def english() -> bool:
    return (get_language() or "").startswith("en")


def pick(zh: str, en: str | None) -> str:
    """``en`` on English pages (when there is one), ``zh`` otherwise."""
    return en if english() and en else zh


lazy_pick = lazy(pick, str)


def _has_han(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" for ch in text)


def halves(text: str) -> str | dict[str, str]:
    """A text an engine wrote as one 「中文 / English」 string, as a fact held in both languages
    (``{"zh": …, "en": …}``, picked by ``core.messages`` when shown); a text in one language as it is.
    A detail after the English colon and missing from the Chinese (a code, a name) is kept in both."""
    for at, ch in enumerate(text):
        if ch != "/":
            continue
        zh, en = text[:at].rstrip(), text[at + 1 :].strip()
        if zh and en and _has_han(zh) and not _has_han(en):
            detail = en.partition(": ")[2]  # 「未知的類別 / unknown category: X」: X belongs to both
            if detail and "：" not in zh and ":" not in zh:
                zh = f"{zh}：{detail}"
            return {"zh": zh, "en": en}
    return text
