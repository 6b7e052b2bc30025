"""The shared limiter for public pages: per-source and per-page limits, a refused attempt not counted, the
source kept only as a keyed hash. (That refused input counts: tests/requests/test_intake.py and
tests/thirdparties/test_questionnaires.py.)"""

from __future__ import annotations

from typing import Any

import pytest

from shouhu.core import ratelimit
from shouhu.core.models import PublicAttempt

LIMIT = ratelimit.Limit(per_source=2, per_scope=3)


def _count(ip: str) -> None:
    ratelimit.count_submission(scope="page:1", ip=ip, limit=LIMIT, purpose="test")


def test_per_source_and_per_scope_limits_refuse_without_counting(db: Any) -> None:
    _count("192.0.2.1")
    _count("192.0.2.1")
    with pytest.raises(ratelimit.RateLimited):
        _count("192.0.2.1")
    _count("192.0.2.2")
    with pytest.raises(ratelimit.RateLimited):
        _count("192.0.2.3")  # the page's own limit (3) is reached
    assert PublicAttempt.objects.count() == 3
    assert not PublicAttempt.objects.filter(source__contains="192.0.2").exists()  # only keyed hashes
