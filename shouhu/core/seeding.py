"""Reference data loaded at every start (idempotent). Modules register their seeders here."""

from __future__ import annotations

from collections.abc import Callable

_SEEDERS: list[tuple[str, Callable[[], int]]] = []


def seeder(name: str) -> Callable[[Callable[[], int]], Callable[[], int]]:
    def register(fn: Callable[[], int]) -> Callable[[], int]:
        _SEEDERS.append((name, fn))
        return fn

    return register


def run_all() -> list[tuple[str, int]]:
    """Run every seeder; each returns how many rows it created or updated."""
    return [(name, fn()) for name, fn in _SEEDERS]
