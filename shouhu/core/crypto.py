"""Field encryption for secrets stored in the database (TOTP seeds, stored credentials).

The key comes from settings.SHOUHU_FIELD_KEY (env in production, a 0600 file under SHOUHU_HOME/keys
locally), never from the database, so a database dump alone does not reveal the secrets.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings


class DecryptionError(RuntimeError):
    """Ciphertext could not be decrypted with the configured key."""


@lru_cache(maxsize=4)
def _fernet(key_material: str) -> Fernet:
    digest = hashlib.sha256(("shouhu-field-v1:" + key_material).encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def encrypt(plaintext: str) -> str:
    return _fernet(settings.SHOUHU_FIELD_KEY).encrypt(plaintext.encode()).decode("ascii")


def decrypt(token: str) -> str:
    try:
        return _fernet(settings.SHOUHU_FIELD_KEY).decrypt(token.encode("ascii")).decode()
    except InvalidToken as exc:
        raise DecryptionError("無法解密：金鑰不符 / cannot decrypt: wrong key") from exc


def keyed_hash(value: str, *, purpose: str) -> str:
    """HMAC-SHA256 of a value under a purpose-specific key derived from the field key."""
    key = hashlib.sha256(f"shouhu-hmac:{purpose}:{settings.SHOUHU_FIELD_KEY}".encode()).digest()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()
