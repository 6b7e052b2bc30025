"""Template helpers for the inventory and risk pages."""

from __future__ import annotations

from typing import Any

from django import template

from shouhu.inventory.models import Category, Purpose
from shouhu.inventory.widgets import flags

register = template.Library()


@register.filter
def get_item(mapping: dict[str, Any], key: str) -> Any:
    return mapping.get(key, "") if isinstance(mapping, dict) else ""


@register.filter
def code_flags(item: Purpose | Category) -> list[dict[str, str]]:
    """The picker's marks for a purpose or category (unverified wording, set by an administrator, …)."""
    return flags(item)


@register.filter
def copies(item: Purpose | Category) -> list[str]:
    """The published copies a code's shipped wording was transcribed from, one per entry."""
    return [c.strip() for c in item.transcribed_from.split(" | ") if c.strip()]
