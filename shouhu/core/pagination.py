"""The one pagination of list endpoints in the API: ``limit`` and ``offset`` bounded, so a huge value is a
422 answer instead of a database overflow (500)."""

from __future__ import annotations

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

MAX_LIMIT = 500
MAX_OFFSET = 10_000_000


class BoundedPagination(LimitOffsetPagination):
    """``LimitOffsetPagination`` with ``1 ≤ limit ≤ 500`` and ``0 ≤ offset ≤ 10,000,000``."""

    class Input(Schema):
        limit: int = Field(100, ge=1, le=MAX_LIMIT, description="每頁筆數（1–500）")
        offset: int = Field(0, ge=0, le=MAX_OFFSET, description="略過筆數")

    def __init__(self, **kwargs: object) -> None:
        super().__init__(max_limit=MAX_LIMIT, **kwargs)
