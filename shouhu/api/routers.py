"""Routers mounted under /api/v1. Each module adds its own line here."""

from __future__ import annotations

from ninja import Router

from shouhu.api.core import router as core_router
from shouhu.organization.api import router as organization_router

ROUTERS: list[tuple[str, Router]] = [
    ("/", core_router),
    ("/org/", organization_router),
]
