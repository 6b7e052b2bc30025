"""Routers mounted under /api/v1. Each module adds its own line here."""

from __future__ import annotations

from ninja import Router

from shouhu.api.core import router as core_router
from shouhu.assessment.api import router as assessment_router
from shouhu.contracts.api import router as contracts_router
from shouhu.documents.api import router as documents_router
from shouhu.drills.api import router as drills_router
from shouhu.incidents.api import router as incidents_router
from shouhu.inventory.api import router as inventory_router
from shouhu.law.api import router as law_router
from shouhu.logwatch.api import router as logwatch_router
from shouhu.organization.api import router as organization_router
from shouhu.people.api import router as people_router
from shouhu.plan.api import router as plan_router
from shouhu.requests.api import router as requests_router
from shouhu.risk.api import router as risk_router
from shouhu.scans.api import router as scans_router
from shouhu.thirdparties.api import router as thirdparties_router

ROUTERS: list[tuple[str, Router]] = [
    ("/", core_router),
    ("/org/", organization_router),
    ("/", law_router),
    ("/inventory/", inventory_router),
    ("/risk/", risk_router),
    ("/", assessment_router),
    ("/incidents/", incidents_router),
    ("/scans/", scans_router),
    ("/logwatch/", logwatch_router),
    ("/plan/", plan_router),
    ("/documents/", documents_router),
    ("/requests/", requests_router),
    ("/thirdparties/", thirdparties_router),
    ("/contracts/", contracts_router),
    ("/people/", people_router),
    ("/drills/", drills_router),
]
