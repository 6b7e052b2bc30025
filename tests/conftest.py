"""Fixtures shared by the whole suite."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from shouhu.accounts.models import User
from tests.factories import DEFAULT_PASSWORD, RoleAssignmentFactory, UserFactory
from tests.needs import missing


@pytest.fixture
def make_user(db: Any) -> Callable[..., User]:
    """``make_user("admin", "auditor", username=...)`` creates a user holding those roles."""

    def make(*roles: str, **kwargs: Any) -> User:
        user = UserFactory(**kwargs)
        for role in roles:
            RoleAssignmentFactory(user=user, role=role)
        return user

    return make


@pytest.fixture
def admin_user(make_user: Callable[..., User]) -> User:
    return make_user("admin", username="admin")


@pytest.fixture
def login_as(client: Client) -> Callable[[User], Client]:
    """Log a user in on the Django test client, with MFA treated as done (a confirmed device)."""

    def login(user: User) -> Client:
        from shouhu.accounts.models import TOTPDevice
        from shouhu.core import crypto

        TOTPDevice.objects.get_or_create(
            user=user,
            defaults={
                "secret_encrypted": crypto.encrypt("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"),
                "confirmed_at": user.date_joined,
            },
        )
        client.force_login(user)
        return client

    return login


@pytest.fixture
def password() -> str:
    return DEFAULT_PASSWORD


@pytest.fixture
def smtp() -> Any:
    """A real SMTP server on 127.0.0.1 (aiosmtpd) with Django's SMTP backend pointed at it."""
    from tests.smtp import smtp_server

    with smtp_server() as inbox:
        yield inbox


@pytest.fixture
def pdf_renderer() -> None:
    """PDF tests need WeasyPrint's Pango and a Traditional Chinese font (.ci/run installs both).

    On a developer machine without them the test is skipped with the reason; under CI it must run.
    """

    from shouhu.core.exports import cjk_font_available

    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as exc:
        reason = f"WeasyPrint 無法載入（{type(exc).__name__}）：請安裝 Pango"
    else:
        reason = "" if cjk_font_available() else "找不到中文字型：請安裝 fonts-noto-cjk"
    if reason:
        missing(reason)


@pytest.fixture(scope="session")
def migrated_home_template(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A migrated SHOUHU_HOME (SQLite) for tests that run shouhu as real processes; copy it per test."""
    import os

    from tests.processes import make_template

    if os.environ.get("SHOUHU_DATABASE_URL"):
        pytest.skip("real-process tests use their own SQLite home; they ran in the SQLite pass")
    return make_template(tmp_path_factory.mktemp("homes"))


@pytest.fixture
def process_home(migrated_home_template: Any, tmp_path: Any) -> Any:
    """A fresh, migrated SHOUHU_HOME of this test's own."""
    from tests.processes import copy_home

    return copy_home(migrated_home_template, tmp_path / "home")


@pytest.fixture(scope="session", autouse=True)
def _flush_may_empty_the_audit_log() -> Any:
    """Transactional tests empty every table between tests; the audit delete guard allows only that."""
    from django.core.management.commands import flush

    from shouhu.audit.guard import allow_delete

    original = flush.Command.handle

    def handle(self: Any, *args: Any, **options: Any) -> Any:
        with allow_delete():
            return original(self, *args, **options)

    flush.Command.handle = handle  # type: ignore[method-assign]
    yield
    flush.Command.handle = original  # type: ignore[method-assign]


@pytest.fixture(autouse=True)
def _language_reset_after_each_test() -> Any:
    """A request with the English cookie activates English for the thread; the next test starts in zh-TW again."""
    from django.utils import translation

    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _audit_checkpoints_per_test(settings: Any, tmp_path: Any) -> None:
    """Each test's audit chain starts empty, so each test gets its own checkpoint file."""
    settings.SHOUHU_AUDIT_CHECKPOINT_DIR = tmp_path / "audit-checkpoints"


# Fixtures through which a test reaches the database (pytest-django's, and the real-process ones built on them).
DATABASE_FIXTURES = frozenset(
    {"db", "transactional_db", "django_db_reset_sequences", "django_db_serialized_rollback"}
)


def touches_database(item: pytest.Item) -> bool:
    """Whether a collected test uses the database: a ``django_db`` mark or a database fixture in its closure."""
    if item.get_closest_marker("django_db") is not None:
        return True
    return bool(DATABASE_FIXTURES.intersection(getattr(item, "fixturenames", ())))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """``SHOUHU_TEST_DATABASE_ONLY=1`` keeps only the tests that use the database.

    scripts/test.sh sets it for the second round on PostgreSQL: a test that never opens a connection gives the same
    answer on every database, and it has already run in the SQLite round.
    """
    if os.environ.get("SHOUHU_TEST_DATABASE_ONLY") != "1":
        return
    kept = [item for item in items if touches_database(item)]
    deselected = [item for item in items if not touches_database(item)]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = kept
