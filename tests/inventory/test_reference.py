from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from shouhu.core.seeding import run_all
from shouhu.inventory import services
from shouhu.inventory.models import MOJ_SOURCE, MOJ_VERSION, Category, Purpose, RefStatus
from shouhu.inventory.reference import seed_moj_codes


def test_seed_marks_absent_purpose_codes_missing_and_never_invents_names(seeded: None) -> None:
    assert Purpose.objects.filter(code__isnull=False).count() == 182
    assert Purpose.objects.filter(status=RefStatus.LISTED).count() == 79
    missing = Purpose.objects.get(code="004")
    assert missing.status == RefStatus.MISSING
    assert missing.name == ""
    assert str(missing) == "004（尚未收錄）"
    listed = Purpose.objects.get(code="069")
    assert listed.name == "契約、類似契約或其他法律關係事務"
    assert (listed.source, listed.version) == (MOJ_SOURCE, MOJ_VERSION)


def test_categories_seeded_with_source(seeded: None) -> None:
    assert Category.objects.count() == 51
    assert Category.objects.get(code="C001").name == "辨識個人者"
    assert Category.objects.get(code="C001").source == MOJ_SOURCE


def test_seeder_is_idempotent_and_registered(seeded: None) -> None:
    assert seed_moj_codes() == 0
    assert ("inventory.moj_codes", 0) in run_all()


def test_admin_fills_missing_code_and_reseed_keeps_it(seeded: None, admin_user: Any) -> None:
    purpose = Purpose.objects.get(code="004")
    services.fill_missing_purpose(
        actor=admin_user, purpose=purpose, name="官方名稱", source="FL010631 第 7 項"
    )
    seed_moj_codes()
    purpose.refresh_from_db()
    assert (purpose.status, purpose.name) == (RefStatus.ADMIN, "官方名稱")


def test_fill_refuses_listed_code_and_needs_source(seeded: None, admin_user: Any) -> None:
    with pytest.raises(ValidationError, match="已有官方名稱"):
        services.fill_missing_purpose(
            actor=admin_user, purpose=Purpose.objects.get(code="001"), name="x", source="y"
        )
    with pytest.raises(ValidationError):
        services.fill_missing_purpose(
            actor=admin_user, purpose=Purpose.objects.get(code="004"), name="x", source=""
        )


def test_fill_needs_admin(seeded: None, officer: Any) -> None:
    with pytest.raises(PermissionDenied):
        services.fill_missing_purpose(
            actor=officer, purpose=Purpose.objects.get(code="004"), name="x", source="y"
        )


def test_custom_purpose(seeded: None, officer: Any) -> None:
    purpose = services.add_custom_purpose(actor=officer, name="系統維運期間之除錯")
    assert purpose.code is None
    assert str(purpose) == "自訂：系統維運期間之除錯"
    with pytest.raises(ValidationError, match="已有相同"):
        services.add_custom_purpose(actor=officer, name="系統維運期間之除錯")
    with pytest.raises(ValidationError):
        services.add_custom_purpose(actor=officer, name="  ")
