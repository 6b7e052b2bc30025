"""Render the dashboard's panels (registered through :mod:`shouhu.core.dashboard`).

Rendered panels are cached per user with :func:`shouhu.audit.datacache.cached` (fresh until the next write
anywhere, at most a minute), so repeated views of an unchanged system cost one small query. Live panels
are rendered every time.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from shouhu.audit.datacache import cached
from shouhu.core.dashboard import PanelFn, registered

CACHE_SECONDS = 60


@dataclass(frozen=True)
class RenderedPanel:
    title: str
    html: SafeString
    order: int


def _render(request: HttpRequest, fns: list[PanelFn]) -> list[RenderedPanel]:
    out = []
    for fn in fns:
        p = fn(request)
        if p is not None:
            html = render_to_string(p.template, {"ctx": p.context, "request": request, "user": request.user})
            out.append(RenderedPanel(str(p.title), mark_safe(html), p.order))
    return out


def panels_for(request: HttpRequest) -> list[RenderedPanel]:
    cached_fns = [fn for fn, live in registered() if not live]
    live_fns = [fn for fn, live in registered() if live]
    panels = cached(f"dash:{request.user.pk}:{translation.get_language()}", lambda: _render(request, cached_fns),
                    seconds=CACHE_SECONDS)  # fmt: skip
    return sorted([*panels, *_render(request, live_fns)], key=lambda p: p.order)
