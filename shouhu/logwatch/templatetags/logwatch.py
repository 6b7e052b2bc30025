"""Small filters for log-monitoring pages."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from shouhu.engines.logwatch.timeparse import from_ms

register = template.Library()


@register.filter
def get_item(mapping: Any, key: str) -> Any:
    try:
        return mapping[key]
    except (KeyError, TypeError, IndexError):
        return getattr(mapping, key, "")


@register.filter
def lw_time(ms: Any) -> str:
    """Event time (UTC epoch milliseconds) in Asia/Taipei."""
    try:
        return timezone.localtime(from_ms(int(ms))).strftime("%Y-%m-%d %H:%M:%S")
    except (TypeError, ValueError, OverflowError):
        return "—"


@register.filter
def seconds(value: Any) -> str:
    if value is None:
        return "—"
    value = float(value)
    if value < 120:
        return f"{value:.0f} 秒"
    if value < 7200:
        return f"{value / 60:.1f} 分"
    return f"{value / 3600:.1f} 時"
