"""A missing component skips a test on a developer's machine and fails it under CI.

`.ci/run` sets ``CI=1`` and installs or starts every component the suite uses (Chromium, fonts, Pango,
PostgreSQL, MariaDB, nginx), so under CI a missing one is a broken set-up, never a reason to pass.
"""

from __future__ import annotations

import os
from typing import NoReturn

import pytest


def missing(reason: str) -> NoReturn:
    """Skip with ``reason`` locally; fail with it under CI."""
    if os.environ.get("CI"):
        pytest.fail(f"CI 缺少測試所需元件：{reason}")
    pytest.skip(reason)
