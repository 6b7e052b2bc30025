"""Dashboard panels. Each module registers a function returning a panel (template + context) or None."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest


@dataclass
class Panel:
    title: object  # str or lazy translation
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    order: int = 100


PanelFn = Callable[[HttpRequest], Panel | None]
_PANELS: list[PanelFn] = []


def panel(fn: PanelFn) -> PanelFn:
    _PANELS.append(fn)
    return fn


def panels_for(request: HttpRequest) -> list[Panel]:
    out = [p for fn in _PANELS if (p := fn(request)) is not None]
    return sorted(out, key=lambda p: p.order)
