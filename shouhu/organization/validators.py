"""統一編號 (UBN) as a Django validator; the checksum is the scanner engine's one implementation."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from shouhu.engines.pii.checksums import valid_ubn


def validate_ubn(value: str) -> None:
    if not valid_ubn(value):
        raise ValidationError(
            _("統一編號應為 8 位數字且檢查碼正確。"),
            code="invalid_ubn",
        )
