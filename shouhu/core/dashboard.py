"""Dashboard panels. Each module registers a function returning a panel (template + context) or None.

Rendered panels are cached per user with :func:`shouhu.core.datacache.cached` (fresh until the next write
anywhere, at most a minute), so repeated views of an unchanged system cost one small query. Panels whose data change without a write (job progress)
register with ``live=True`` and are rendered every time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, overload

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from shouhu.core.datacache import cached


@dataclass
class Panel:
    title: object  # str or lazy translation
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    order: int = 100


@dataclass(frozen=True)
class RenderedPanel:
    title: str
    html: SafeString
    order: int


PanelFn = Callable[[HttpRequest], Panel | None]
_PANELS: list[tuple[PanelFn, bool]] = []
CACHE_SECONDS = 60


@overload
def panel(fn: PanelFn) -> PanelFn: ...
@overload
def panel(*, live: bool = False) -> Callable[[PanelFn], PanelFn]: ...
def panel(fn: PanelFn | None = None, *, live: bool = False) -> Any:
    """Register a panel function: ``@panel`` or ``@panel(live=True)``."""

    def register(f: PanelFn) -> PanelFn:
        _PANELS.append((f, live))
        return f

    return register(fn) if fn is not None else register


def _render(request: HttpRequest, fns: list[PanelFn]) -> list[RenderedPanel]:
    out = []
    for fn in fns:
        p = fn(request)
        if p is not None:
            html = render_to_string(p.template, {"ctx": p.context, "request": request, "user": request.user})
            out.append(RenderedPanel(str(p.title), mark_safe(html), p.order))
    return out


def panels_for(request: HttpRequest) -> list[RenderedPanel]:
    cached_fns = [fn for fn, live in _PANELS if not live]
    live_fns = [fn for fn, live in _PANELS if live]
    panels = cached(f"dash:{request.user.pk}:{translation.get_language()}", lambda: _render(request, cached_fns),
                    seconds=CACHE_SECONDS)  # fmt: skip
    return sorted([*panels, *_render(request, live_fns)], key=lambda p: p.order)
