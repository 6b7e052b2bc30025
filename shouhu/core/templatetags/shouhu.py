"""Template helpers: ROC dates, Asia/Taipei times, amounts (a builtin library; no load needed)."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import timezone
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from shouhu.core.rocdate import RocDateError, format_roc_date, format_roc_short
from shouhu.core.validation import is_sane

register = template.Library()


def _unshowable(value: dt.date | dt.datetime) -> str:
    """A stored date outside the sane range (written before services checked it): shown, never a 500."""
    return f"{value.year:04d}-{value.month:02d}-{value.day:02d}（日期異常）"


def _english() -> bool:
    """One date style per language: English pages use ISO dates, zh-TW pages (and official documents,
    which are rendered in zh-TW) use ROC dates."""
    return (get_language() or "").startswith("en")


@register.filter
def roc(value: dt.date | dt.datetime | None, with_time: str = "") -> str:
    """A date: 民國115年11月26日 in zh-TW, 2026-11-26 in English (with ``"t"``: and the Taipei time)."""
    if not value:
        return ""
    if not is_sane(value):
        return _unshowable(value)
    if _english():
        if isinstance(value, dt.datetime):
            local = timezone.localtime(value)
            return local.strftime("%Y-%m-%d %H:%M") if with_time else local.date().isoformat()
        return value.isoformat()
    try:
        return format_roc_date(value, with_time=bool(with_time))
    except (RocDateError, OverflowError):
        return _unshowable(value)


@register.filter
def taipei(value: dt.datetime | None) -> str:
    """A moment in Asia/Taipei: 115/11/26 14:30 in zh-TW, 2026-11-26 14:30 in English."""
    if not value:
        return ""
    if not is_sane(value):
        return _unshowable(value)
    local = timezone.localtime(value)
    if _english():
        return local.strftime("%Y-%m-%d %H:%M")
    try:
        return f"{format_roc_short(local.date())} {local:%H:%M}"
    except (RocDateError, OverflowError):
        return _unshowable(value)


@register.filter
def twd(value: int | None) -> str:
    return "" if value is None else f"NT${value:,}"


@register.filter
def thousands(value: int | None) -> str:
    """5000 → 5,000 in every language (Django's zh-Hant grouping would print 5000)."""
    return "" if value is None else f"{value:,}"


@register.filter
def zh_en(obj: object, field: str) -> str:
    """An engine record's ``<field>_en`` on English pages, its ``<field>_zh`` otherwise (e.g.
    ``rule|zh_en:"title"``). Engine data (law catalogue, log rules, formats) keeps both; an empty English
    text falls back to the Chinese one."""
    zh = getattr(obj, f"{field}_zh", "") or ""
    if _english():
        return getattr(obj, f"{field}_en", "") or zh
    return zh


@register.filter
def zh_en_lang(obj: object, field: str) -> SafeString:
    """``zh_en`` for engine texts whose English may be missing (research notes, record lists): on an English
    page the Chinese of an untranslated one is marked ``lang="zh-Hant"``, never passed off as English."""
    zh = getattr(obj, f"{field}_zh", "") or ""
    en = getattr(obj, f"{field}_en", "") or ""
    if not _english():
        return conditional_escape(zh)
    if en or not zh:
        return conditional_escape(en)
    return format_html('<span lang="zh-Hant">{}</span>', zh)


@register.filter
def english(obj: object, field: str) -> str:
    """Official-text records (the guideline's tables): Shouhu's ``<field>_en`` on English pages, the official
    ``<field>`` otherwise or when there is no English (``item|english:"title"``)."""
    official = getattr(obj, field, "") or ""
    if _english():
        return getattr(obj, f"{field}_en", None) or official
    return official


@register.simple_tag
def english_page() -> bool:
    """``{% english_page as en %}``: the page is read in English."""
    return _english()


@register.simple_tag
def official(text: str, kind: str = "catalogue") -> str:
    """The Chinese text of record, marked ``lang="zh-Hant" data-official`` so an English page can show it
    for comparison; a text that is not official (``shouhu.core.official``) is never marked."""
    from django.utils.html import escape, format_html

    from shouhu.core.official import is_official

    if not text:
        return ""
    if not is_official(kind, text):
        return escape(text)
    return format_html('<span lang="zh-Hant" data-official="{}">{}</span>', kind, text)


@register.simple_tag
def unofficial_mark() -> str:
    """A small marker beside Shouhu's own English of an official text (nothing on zh-TW pages)."""
    from django.utils.html import format_html
    from django.utils.translation import gettext

    if not _english():
        return ""
    return format_html(
        '<span class="badge unofficial" data-testid="unofficial" title="{}">{}</span>',
        gettext("守護自行翻譯，非官方版本；官方中文原文見下方。"),
        gettext("非官方譯文"),
    )
