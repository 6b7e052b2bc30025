"""The marketing suppression key: a normalised value and its keyed digest (look-ups never scan values)."""

from __future__ import annotations

import re

from shouhu.core import crypto
from shouhu.requests.models import Suppression


def _normalise_email(value: str) -> str:
    return value.strip().lower()


def _normalise_phone(value: str) -> str:
    digits = re.sub(r"[^\d+]", "", value)
    if digits.startswith("+886"):
        digits = "0" + digits[4:]
    return digits


def suppression_key(kind: str, value: str, client_id: int | None) -> tuple[str, str]:
    """``(normalised value, keyed digest)`` for a suppression entry: the digest answers look-ups."""
    normalised = _normalise_email(value) if kind == Suppression.Kind.EMAIL else _normalise_phone(value)
    scope = str(client_id) if client_id else "self"
    return normalised, crypto.keyed_hash(f"{scope}|{kind}|{normalised}", purpose="marketing-suppression")
