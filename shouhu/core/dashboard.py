"""Dashboard panels: each module registers a function returning a panel (template + context) or None.

This is the registry only; :mod:`shouhu.shell.dashboard` renders and caches the panels. Panels whose data
change without a write (job progress) register with ``live=True`` and are rendered every time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, overload

from django.http import HttpRequest


@dataclass
class Panel:
    title: object  # str or lazy translation
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    order: int = 100


PanelFn = Callable[[HttpRequest], Panel | None]
_PANELS: list[tuple[PanelFn, bool]] = []


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


def registered() -> list[tuple[PanelFn, bool]]:
    """Every registered panel function with its ``live`` flag, in registration order."""
    return list(_PANELS)
