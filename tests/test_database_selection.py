"""The PostgreSQL round of scripts/test.sh keeps exactly the tests that use the database."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from tests.conftest import touches_database


def _item(fixtures: tuple[str, ...], marks: tuple[str, ...] = ()) -> Any:
    return SimpleNamespace(
        fixturenames=fixtures,
        get_closest_marker=lambda name: object() if name in marks else None,
    )


@pytest.mark.parametrize("fixture", ["db", "transactional_db", "django_db_reset_sequences"])
def test_a_test_using_a_database_fixture_is_kept(fixture: str) -> None:
    assert touches_database(_item(("tmp_path", fixture)))


def test_a_test_marked_django_db_is_kept() -> None:
    assert touches_database(_item(("tmp_path",), marks=("django_db",)))


def test_a_test_without_database_fixture_or_mark_is_left_out() -> None:
    assert not touches_database(_item(("tmp_path", "settings", "monkeypatch")))


def test_a_page_test_using_make_user_reaches_the_database(
    request: pytest.FixtureRequest, make_user: Any
) -> None:
    """make_user (behind login_as and most page tests) pulls in ``db``, so such tests run on PostgreSQL too."""
    assert touches_database(request.node)
