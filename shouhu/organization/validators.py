"""統一編號 (UBN) checksum with the 2023 mod-5 rule, as a Django validator."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

UBN_WEIGHTS = (1, 2, 1, 2, 1, 2, 4, 1)


def ubn_is_valid(value: str) -> bool:
    """8 digits; digit-sum of weighted products ≡ 0 (mod 5) since 2023-04-01; 7th digit 7 also allows sum+1."""
    if len(value) != 8 or not value.isascii() or not value.isdigit():
        return False
    total = sum(sum(divmod(int(d) * w, 10)) for d, w in zip(value, UBN_WEIGHTS, strict=True))
    return total % 5 == 0 or (value[6] == "7" and (total + 1) % 5 == 0)


def validate_ubn(value: str) -> None:
    if not ubn_is_valid(value):
        raise ValidationError(
            _("統一編號應為 8 位數字且檢查碼正確。"),
            code="invalid_ubn",
        )
