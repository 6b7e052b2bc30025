from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from shouhu.accounts.permissions import has_perm, user_roles
from shouhu.accounts.roles import Role
from shouhu.core import navigation as nav


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    stages: list[dict[str, Any]] = []
    all_items: list[dict[str, Any]] = []
    for stage in nav.stages():
        items: list[dict[str, Any]] = []
        for item in stage.items:
            if not has_perm(user, item.perm):
                continue
            try:
                url = reverse(item.url_name)
            except NoReverseMatch:
                continue
            items.append({"label": item.label, "url": url, "active": False})
        if items:
            stages.append({"key": stage.key, "label": stage.label, "items": items})
            all_items.extend(items)
    # Highlight only the entry with the longest URL that prefixes the current path.
    matches = [i for i in all_items if request.path.startswith(i["url"])]
    if matches:
        max(matches, key=lambda i: len(i["url"]))["active"] = True
    labels = dict(Role.choices)
    return {"nav_stages": stages, "my_roles": [labels[r] for r in sorted(user_roles(user)) if r in labels]}
