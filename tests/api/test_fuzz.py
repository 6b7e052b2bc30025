"""Schemathesis fuzzes every API operation as an administrator and as an ordinary employee.

Each operation gets a few derandomised examples (fast enough for every CI run); an answer must never be
a server error and must match the response schema the OpenAPI document declares.
"""

from __future__ import annotations

import sys
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from shouhu.accounts.services.tokens import create_token
from shouhu.api.main import api

EXAMPLES = 5


SCHEMA = schemathesis.openapi.from_dict(api.get_openapi_schema())
SCHEMA.app = get_wsgi_application()


@pytest.fixture(autouse=True)
def _keep_the_test_connection() -> Any:
    """Requests go straight to the WSGI app, not through Django's test client: keep the request signals from
    closing the test's database connection (on PostgreSQL it holds the test transaction), as the client does."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture(params=["admin", "staff"])
def auth(request: pytest.FixtureRequest, db: Any, make_user: Any) -> dict[str, str]:
    _, plain = create_token(actor=None, user=make_user(request.param), name="fuzz")
    return {"Authorization": f"Bearer {plain}", "Host": "localhost"}


@SCHEMA.parametrize()
@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None,
)
def test_api_answers_without_server_errors_and_matches_its_schema(case: Any, auth: dict[str, str]) -> None:
    response = case.call(headers=auth)
    case.validate_response(response, checks=[not_a_server_error, response_schema_conformance])


def test_no_two_api_schemas_share_a_name() -> None:
    """Django Ninja names components by class name: two classes of one name would share one schema."""
    from ninja import Schema

    from shouhu.api.routers import ROUTERS

    seen: dict[str, str] = {}
    clashes = []
    for _, router in ROUTERS:
        module = sys.modules[next(iter(router.path_operations.values())).operations[0].view_func.__module__]
        for name, obj in vars(module).items():
            if isinstance(obj, type) and issubclass(obj, Schema) and obj.__module__ == module.__name__:
                if name in seen and seen[name] != module.__name__:
                    clashes.append(f"{name}: {seen[name]} / {module.__name__}")
                seen[name] = module.__name__
    assert clashes == []


@pytest.mark.parametrize(
    "query", ["limit=497574691463624227028992", "offset=72057594037927936", "limit=0", "offset=-1"]
)
def test_list_bounds_are_checked_before_the_database(query: str, admin_user: Any) -> None:
    _, plain = create_token(actor=None, user=admin_user, name="t")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {plain}")
    for path in ("/api/v1/inventory/files", "/api/v1/risk/risks", "/api/v1/org/people"):
        assert client.get(f"{path}?{query}").status_code == 422, path
