"""``{% can "perm" as ok %}``: a permission check in templates (a builtin library; no load needed)."""

from __future__ import annotations

from typing import Any

from django import template

from shouhu.accounts.permissions import has_perm

register = template.Library()


@register.simple_tag(takes_context=True)
def can(context: dict[str, Any], perm: str) -> bool:
    request = context.get("request")
    return bool(request and has_perm(request.user, perm))
