"""The demo registry: each app loads its own piece of ``shouhu demo`` through its services.

An app puts a function decorated with :func:`step` in ``<app>/demo.py``; ``shouhu demo`` discovers those
modules, creates the organisation (company, departments, people, clients, accounts) and runs the steps in
``order``. A step writes through the app's services as the actors in :class:`Cast`, so the audit log and
derived data are exactly what a user would produce, and reads what earlier steps left in
:attr:`DemoContext.shared`. All names, companies and numbers are fictional; dates are relative to
``timezone.localdate()``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from django.utils import timezone

if TYPE_CHECKING:
    from shouhu.accounts.models import User
    from shouhu.organization.models import Client, Department, Person

TAIPEI = ZoneInfo("Asia/Taipei")
# The demo clients' keys, shared by the steps that refer to them.
ECOMMERCE, CRAM_SCHOOL, HOTEL, HOSPITAL = "ecommerce", "cram_school", "hotel", "hospital"
ECOMMERCE_RECORDS = 186_420  # the e-commerce client's member records (law facts and inventory agree)


@dataclass
class Cast:
    """Who does what. With ``--with-accounts`` these are the demo people's own accounts; otherwise every
    role is the one system user ``demo``."""

    officer: User  # 個資管理專員: inventory, law facts, calendar, risks, assessments, actions
    security: User  # 資安長: incidents
    auditor: User  # 稽核人員: manual findings of the internal audit
    owners: dict[str, User] = field(default_factory=dict)  # calendar owners by role key (accounts only)
    assessors: list[User] = field(default_factory=list)


@dataclass
class DemoContext:
    """What the steps share: the actors, the organisation, and what earlier steps produced."""

    cast: Cast
    company_name: str
    departments: Mapping[str, Department]
    clients: Mapping[str, Client]
    people: Mapping[str, Person] = field(default_factory=dict)  # by job title
    shared: dict[str, Any] = field(default_factory=dict)  # e.g. "systems", "files" for later steps
    counts: dict[str, tuple[str, int]] = field(default_factory=dict)  # key -> (zh-TW label, count)

    def count(self, key: str, label: str, value: int) -> None:
        """Report ``value`` things of one kind for the command's summary line."""
        self.counts[key] = (label, value)


@dataclass(frozen=True)
class Step:
    order: int
    name: str
    fn: Callable[[DemoContext], None]


_STEPS: dict[str, Step] = {}


def step(*, order: int) -> Callable[[Callable[[DemoContext], None]], Callable[[DemoContext], None]]:
    """Register ``fn(ctx)`` as a demo step; steps run by ascending ``order``."""

    def register(fn: Callable[[DemoContext], None]) -> Callable[[DemoContext], None]:
        name = f"{fn.__module__}.{fn.__qualname__}"
        _STEPS[name] = Step(order, name, fn)
        return fn

    return register


def steps() -> list[Step]:
    return sorted(_STEPS.values(), key=lambda s: (s.order, s.name))


def run(ctx: DemoContext) -> None:
    """Run every registered step in order (the caller holds the transaction)."""
    for s in steps():
        s.fn(ctx)


def summary(ctx: DemoContext) -> str:
    return "、".join(f"{label} {value}" for label, value in ctx.counts.values())


def days(n: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=n)


def at(days_from_today: int, hour: int, minute: int = 0) -> dt.datetime:
    """An aware datetime at a Taipei wall-clock time ``days_from_today`` from today."""
    return dt.datetime.combine(days(days_from_today), dt.time(hour, minute), tzinfo=TAIPEI)
