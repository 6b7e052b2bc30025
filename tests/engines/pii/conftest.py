"""Shared fixtures of the personal-data engine tests."""

from __future__ import annotations

import pytest

KEY = b"test-key-not-secret"


@pytest.fixture
def key() -> bytes:
    """A fixed HMAC key."""
    return KEY
