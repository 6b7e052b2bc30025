"""Template helpers: ROC dates, Asia/Taipei times, amounts (a builtin library; no load needed)."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import timezone

from shouhu.core.rocdate import format_roc_date

register = template.Library()


@register.filter
def roc(value: dt.date | dt.datetime | None, with_time: str = "") -> str:
    if not value:
        return ""
    return format_roc_date(value, with_time=bool(with_time))


@register.filter
def taipei(value: dt.datetime | None) -> str:
    if not value:
        return ""
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


@register.filter
def twd(value: int | None) -> str:
    return "" if value is None else f"NT${value:,}"
