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
