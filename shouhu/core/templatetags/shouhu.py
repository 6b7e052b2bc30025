"""Template helpers: ROC dates, Asia/Taipei times, amounts (a builtin library; no load needed)."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import timezone

from shouhu.core.rocdate import RocDateError, format_roc_date
from shouhu.core.validation import is_sane

register = template.Library()


def _unshowable(value: dt.date | dt.datetime) -> str:
    """A stored date outside the sane range (written before services checked it): shown, never a 500."""
    return f"{value.year:04d}-{value.month:02d}-{value.day:02d}（日期異常）"


@register.filter
def roc(value: dt.date | dt.datetime | None, with_time: str = "") -> str:
    if not value:
        return ""
    if not is_sane(value):
        return _unshowable(value)
    try:
        return format_roc_date(value, with_time=bool(with_time))
    except (RocDateError, OverflowError):
        return _unshowable(value)


@register.filter
def taipei(value: dt.datetime | None) -> str:
    if not value:
        return ""
    if not is_sane(value):
        return _unshowable(value)
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


@register.filter
def twd(value: int | None) -> str:
    return "" if value is None else f"NT${value:,}"


@register.filter
def thousands(value: int | None) -> str:
    """5000 → 5,000 in every language (Django's zh-Hant grouping would print 5000)."""
    return "" if value is None else f"{value:,}"
