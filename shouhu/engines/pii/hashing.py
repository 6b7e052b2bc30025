"""Keyed pseudonyms: HMAC-SHA256 over the normalised value (never a plain hash)."""

from __future__ import annotations

import hashlib
import hmac
import os


def value_digest(key: bytes, category: str, normalized: str) -> str:
    """Return the hex HMAC-SHA256 of ``category`` and the normalised value under ``key``."""
    message = f"{category}\x1f{normalized}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def random_key() -> bytes:
    """Return a fresh random 32-byte key (distinct counts are then valid for one run only)."""
    return os.urandom(32)


def load_key(path: str | None = None, *, env: str = "SHOUHU_PII_HMAC_KEY") -> tuple[bytes, bool]:
    """Return ``(key, persistent)`` from a key file, else the environment, else a random key.

    ``persistent`` is ``False`` when the key was generated for this run only.
    """
    if path:
        with open(path, "rb") as handle:
            data = handle.read().strip()
        if not data:
            raise ValueError("金鑰檔為空 / key file is empty")
        return data, True
    value = os.environ.get(env)
    if value:
        return value.encode(), True
    return random_key(), False
