"""TOTP multi-factor authentication: enrolment with a QR code, verification, recovery codes."""

from __future__ import annotations

import hashlib
import io
import secrets
from dataclasses import dataclass

import pyotp
import qrcode
import qrcode.image.svg
from django.db import transaction
from django.utils import timezone

from shouhu.accounts.models import RecoveryCode, TOTPDevice, User
from shouhu.audit.services import record
from shouhu.core import crypto

ISSUER = "Shouhu 守護"
RECOVERY_CODE_COUNT = 10


class MfaError(ValueError):
    """A wrong or reused code."""


@dataclass(frozen=True)
class Enrolment:
    secret: str
    uri: str
    qr_svg: str


def _hash_code(code: str) -> str:
    return hashlib.sha256(code.replace("-", "").strip().lower().encode()).hexdigest()


def has_confirmed_device(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed_at__isnull=False).exists()


@transaction.atomic
def start_enrolment(*, user: User) -> Enrolment:
    """Create (or replace an unconfirmed) device and return its secret, URI and an SVG QR code."""
    secret = pyotp.random_base32()
    device, created = TOTPDevice.objects.get_or_create(user=user, defaults={"secret_encrypted": ""})
    if device.confirmed_at and not created:
        raise MfaError("已啟用雙因素驗證；如需更換請先停用。/ MFA is already enabled.")
    device.secret_encrypted = crypto.encrypt(secret)
    device.save(update_fields=["secret_encrypted"])
    return _enrolment(user, secret)


def pending_enrolment(*, user: User) -> Enrolment | None:
    device = TOTPDevice.objects.filter(user=user, confirmed_at__isnull=True).first()
    if device is None:
        return None
    return _enrolment(user, crypto.decrypt(device.secret_encrypted))


def _enrolment(user: User, secret: str) -> Enrolment:
    uri = pyotp.TOTP(secret).provisioning_uri(name=user.username, issuer_name=ISSUER)
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buf = io.BytesIO()
    image.save(buf)
    svg = buf.getvalue().decode()
    svg = svg[svg.index("<svg") :]  # drop the XML declaration for inline use
    return Enrolment(secret=secret, uri=uri, qr_svg=svg)


def _verify_totp(device: TOTPDevice, code: str) -> bool:
    totp = pyotp.TOTP(crypto.decrypt(device.secret_encrypted))
    code = code.strip().replace(" ", "")
    if not code.isdigit() or len(code) != 6:
        return False
    now = timezone.now()
    for drift in (-1, 0, 1):
        step = int(now.timestamp()) // 30 + drift
        if step <= device.last_used_step:
            continue  # a code is accepted once (replay protection)
        if secrets.compare_digest(totp.at(step * 30), code):
            device.last_used_step = step
            device.save(update_fields=["last_used_step"])
            return True
    return False


@transaction.atomic
def confirm_enrolment(*, user: User, code: str) -> list[str]:
    """Confirm with a first code; returns the recovery codes, shown once."""
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed_at__isnull=True).first()
    if device is None:
        raise MfaError("找不到待確認的驗證器，請重新開始設定。/ No pending enrolment.")
    if not _verify_totp(device, code):
        raise MfaError("驗證碼錯誤，請確認手機時間正確後重新輸入 6 位數驗證碼。/ Wrong code.")
    device.confirmed_at = timezone.now()
    device.save(update_fields=["confirmed_at"])
    codes = regenerate_recovery_codes(user=user)
    record(actor=user, action="auth.mfa_enabled", obj=user)
    return codes


def regenerate_recovery_codes(*, user: User) -> list[str]:
    RecoveryCode.objects.filter(user=user).delete()
    codes = [f"{secrets.token_hex(3)}-{secrets.token_hex(3)}" for _ in range(RECOVERY_CODE_COUNT)]
    RecoveryCode.objects.bulk_create([RecoveryCode(user=user, code_hash=_hash_code(c)) for c in codes])
    return codes


@transaction.atomic
def verify(*, user: User, code: str) -> bool:
    """Second factor at login: a TOTP code, or an unused recovery code (then consumed)."""
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed_at__isnull=False).first()
    if device is None:
        return False
    if _verify_totp(device, code):
        return True
    recovery = RecoveryCode.objects.filter(
        user=user, code_hash=_hash_code(code), used_at__isnull=True
    ).first()
    if recovery:
        recovery.used_at = timezone.now()
        recovery.save(update_fields=["used_at"])
        record(actor=user, action="auth.mfa_recovery_code_used", obj=user)
        return True
    return False


@transaction.atomic
def disable(*, actor: User, user: User) -> None:
    from shouhu.accounts.permissions import mfa_required, require

    if actor.pk != user.pk:
        require(actor, "accounts.manage")
    elif mfa_required(user):
        raise MfaError("您的角色必須使用雙因素驗證，無法停用。/ Your role requires MFA.")
    TOTPDevice.objects.filter(user=user).delete()
    RecoveryCode.objects.filter(user=user).delete()
    record(actor=actor, action="auth.mfa_disabled", obj=user)
