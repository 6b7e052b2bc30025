"""Navigation by PDCA stage, filled by each app from its ``AppConfig.ready()``.

An app registers its own entries with :func:`register`; entries whose URL does not reverse, or whose
permission the user lacks, are hidden by the context processor. Registering the same URL name twice keeps
the first entry, so a repeated ``ready()`` does not duplicate menu items.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import pgettext_lazy


@dataclass(frozen=True)
class NavItem:
    label: object  # str or lazy translation
    url_name: str
    perm: str
    order: int = 100


@dataclass(frozen=True)
class NavStage:
    key: str
    label: object
    items: tuple[NavItem, ...]


# The stages in menu order (PDCA: 規劃 Plan, 執行 Do, 檢核 Check, 改善 Act). "staff" is the employee's own
# home (reporting, acknowledgements, training). Every menu label, here and in the apps, is translated in the
# "menu" context, so its English is a short menu item even where the same words head a page.
STAGE_LABELS: dict[str, object] = {
    "staff": pgettext_lazy("menu", "我的工作"),
    "base": pgettext_lazy("menu", "基礎"),
    "plan": pgettext_lazy("menu", "規劃"),
    "do": pgettext_lazy("menu", "執行"),
    "check": pgettext_lazy("menu", "檢核"),
    "act": pgettext_lazy("menu", "改善"),
    "admin": pgettext_lazy("menu", "管理"),
}
_ITEMS: dict[str, list[NavItem]] = {key: [] for key in STAGE_LABELS}


def register(stage: str, *items: NavItem) -> None:
    """Add menu entries to a stage (one of :data:`STAGE_LABELS`)."""
    if stage not in _ITEMS:
        raise ValueError(f"unknown navigation stage {stage!r}; use one of {sorted(STAGE_LABELS)}")
    known = {item.url_name for entries in _ITEMS.values() for item in entries}
    for item in items:
        if item.url_name not in known:
            _ITEMS[stage].append(item)
            known.add(item.url_name)


def stages() -> tuple[NavStage, ...]:
    """Every stage with its registered entries, each stage's entries by ``order`` then registration."""
    return tuple(
        NavStage(key, label, tuple(sorted(_ITEMS[key], key=lambda item: item.order)))
        for key, label in STAGE_LABELS.items()
    )
