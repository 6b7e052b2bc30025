"""Issue 12: Art. 6 flags on the MOJ categories, restoring the transcribed wording, and the reference API."""

from __future__ import annotations

import re
from importlib import import_module
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from shouhu.audit.models import AuditEvent
from shouhu.inventory import services
from shouhu.inventory.models import MOJ_SOURCE, Category, Purpose, RefStatus
from shouhu.inventory.reference import seed_moj_codes
from shouhu.inventory.widgets import flags

ART6 = "個人資料保護法第6條第1項"


# --- C112 and the other Art. 6 categories ------------------------------------------------------------------


@pytest.mark.parametrize(("code", "words"), [("C111", "病歷、醫療、健康檢查"), ("C112", "性生活")])
def test_art6_categories_are_seeded_special_with_the_article(seeded: None, code: str, words: str) -> None:
    category = Category.objects.get(code=code)

    assert category.special is True
    assert category.special_basis == f"{ART6}（{words}）"
    assert "special" in [f["kind"] for f in flags(category)]


def test_other_categories_are_not_special(seeded: None) -> None:
    assert list(Category.objects.filter(special=True).values_list("code", flat=True)) == ["C111", "C112"]


def test_reseed_flags_an_admin_worded_c112_that_lost_its_flag_and_audits_it(
    seeded: None, admin_user: Any
) -> None:
    category = Category.objects.get(code="C112")
    services.set_wording(actor=admin_user, item=category, name="性生活", source="FL010631 公告原文")
    Category.objects.filter(pk=category.pk).update(special=False, special_basis="")

    assert seed_moj_codes() == 1

    category.refresh_from_db()
    assert (category.status, category.special) == (RefStatus.ADMIN, True)
    event = AuditEvent.objects.filter(action="inventory.moj_code_seeded").latest("pk")
    assert event.changes == {"special": [False, True], "special_basis": ["", f"{ART6}（性生活）"]}


def test_reseed_leaves_a_flag_an_administrator_set_on_another_code(seeded: None, admin_user: Any) -> None:
    services.set_category_special(
        actor=admin_user, category=Category.objects.get(code="C116"), special=True, term="criminal"
    )

    seed_moj_codes()

    assert Category.objects.get(code="C116").special is True


def test_data_migration_flags_existing_rows(seeded: None) -> None:
    Category.objects.filter(code__in=["C111", "C112"]).update(special=False, special_basis="")
    migration = import_module("shouhu.inventory.migrations.0005_category_special_basis")

    migration.flag_art6(apps, None)

    assert set(Category.objects.filter(special=True).values_list("code", "special_basis")) == {
        ("C111", f"{ART6}（病歷、醫療、健康檢查）"),
        ("C112", f"{ART6}（性生活）"),
    }


# --- restoring the transcribed wording ----------------------------------------------------------------------


def test_restore_puts_back_the_transcribed_wording_and_audits_it(seeded: None, admin_user: Any) -> None:
    purpose = Purpose.objects.get(code="159")
    services.set_wording(actor=admin_user, item=purpose, name="學術研究（訂正）", source="公告原文")

    services.restore_transcribed_wording(actor=admin_user, item=purpose)

    purpose.refresh_from_db()
    assert (purpose.status, purpose.name, purpose.source, purpose.verification) == (
        RefStatus.LISTED,
        "學術研究",
        MOJ_SOURCE,
        "single-source",
    )
    event = AuditEvent.objects.filter(action="inventory.purpose.updated").latest("pk")
    assert event.actor_id == admin_user.pk
    assert event.changes["name"] == ["學術研究（訂正）", "學術研究"]
    assert event.changes["status"] == [RefStatus.ADMIN, RefStatus.LISTED]
    assert seed_moj_codes() == 0  # back in the seeder's care, already up to date


def test_restore_of_a_withheld_code_makes_it_missing_again(seeded: None, admin_user: Any) -> None:
    purpose = Purpose.objects.get(code="060")
    services.set_wording(actor=admin_user, item=purpose, name="官方名稱", source="FL010631")

    services.restore_transcribed_wording(actor=admin_user, item=purpose)

    purpose.refresh_from_db()
    assert (purpose.status, purpose.name) == (RefStatus.MISSING, "")


def test_restore_needs_an_administrator(seeded: None, admin_user: Any, officer: Any) -> None:
    category = Category.objects.get(code="C001")
    services.set_wording(actor=admin_user, item=category, name="辨識個人者（訂正）", source="公告原文")

    with pytest.raises(PermissionDenied):
        services.restore_transcribed_wording(actor=officer, item=category)
    category.refresh_from_db()
    assert category.status == RefStatus.ADMIN


def test_restore_refuses_a_code_nobody_edited(seeded: None, admin_user: Any) -> None:
    with pytest.raises(ValidationError, match="並非管理者填寫"):
        services.restore_transcribed_wording(actor=admin_user, item=Category.objects.get(code="C001"))


def _row(html: str, code: str) -> str:
    found = re.search(rf'<tr data-code="{code}">(.*?)</tr>', html, re.S)
    assert found
    return found.group(1)


def test_reference_page_offers_restore_with_confirmation_only_on_edited_codes(
    seeded: None, admin_user: Any, login_as: Any
) -> None:
    category = Category.objects.get(code="C002")
    services.set_wording(actor=admin_user, item=category, name="辨識財務者（訂正）", source="公告原文")
    client = login_as(admin_user)

    html = client.get(reverse("inventory:reference")).content.decode()

    button = re.search(r'<button[^>]*data-testid="restore-C002"[^>]*>([^<]*)</button>', _row(html, "C002"))
    assert button
    assert button.group(1) == "還原轉錄文字"
    assert 'data-confirm="還原代碼 C002 的轉錄文字？' in button.group(0)
    assert "restore-" not in _row(html, "C001")

    response = client.post(reverse("inventory:category_restore", args=[category.pk]))

    assert response.status_code == 302
    category.refresh_from_db()
    assert (category.status, category.name) == (RefStatus.LISTED, "辨識財務者")


def test_english_reference_page_restore_button_is_english(
    seeded: None, admin_user: Any, login_as: Any
) -> None:
    services.set_wording(
        actor=admin_user, item=Category.objects.get(code="C002"), name="辨識財務者（訂正）", source="x"
    )
    client = login_as(admin_user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    row = _row(client.get(reverse("inventory:reference")).content.decode(), "C002")

    button = re.search(
        r'<button[^>]*data-testid="restore-C002"[^>]*data-confirm="([^"]*)"[^>]*>([^<]*)<', row
    )
    assert button
    assert button.group(2) == "Restore the transcribed wording"
    assert button.group(1).startswith("Restore the transcribed wording of code C002?")


def test_officer_cannot_restore_through_the_page(
    seeded: None, admin_user: Any, officer: Any, login_as: Any
) -> None:
    category = Category.objects.get(code="C002")
    services.set_wording(actor=admin_user, item=category, name="辨識財務者（訂正）", source="公告原文")

    response = login_as(officer).post(reverse("inventory:category_restore", args=[category.pk]))

    assert response.status_code == 403
    category.refresh_from_db()
    assert category.status == RefStatus.ADMIN


# --- the reference API --------------------------------------------------------------------------------------


def test_api_lists_purposes_with_their_marks(
    seeded: None, admin_user: Any, officer: Any, login_as: Any
) -> None:
    services.set_wording(
        actor=admin_user, item=Purpose.objects.get(code="038"), name="行政執行", source="公告"
    )

    body = login_as(officer).get("/api/v1/inventory/reference/purposes", {"limit": 500}).json()

    by_code = {p["code"]: p for p in body["items"]}
    assert body["count"] == Purpose.objects.count()
    assert by_code["060"]["withheld"] is True
    assert "改寫了其他代碼" in by_code["060"]["withheld_reason"]
    assert (by_code["060"]["status"], by_code["060"]["name"]) == ("missing", "")
    assert by_code["159"]["unverified"] is True
    assert any("freshman.tcu.edu.tw" in c for c in by_code["159"]["transcribed_from"])
    assert (by_code["038"]["admin_edited"], by_code["038"]["source"]) == (True, "公告")
    assert by_code["069"]["unverified"] is False
    assert by_code["069"]["withheld"] is False


def test_api_lists_categories_with_art6_flags(seeded: None, officer: Any, login_as: Any) -> None:
    body = login_as(officer).get("/api/v1/inventory/reference/categories", {"limit": 500}).json()

    by_code = {c["code"]: c for c in body["items"]}
    assert body["count"] == 52
    assert (by_code["C112"]["special"], by_code["C112"]["special_basis"]) == (True, f"{ART6}（性生活）")
    assert by_code["C112"]["unverified"] is True
    assert "code range" in by_code["C112"]["note"]
    assert by_code["C001"]["special"] is False


@pytest.mark.parametrize("kind", ["purposes", "categories"])
def test_api_reference_needs_inventory_view(seeded: None, make_user: Any, login_as: Any, kind: str) -> None:
    assert login_as(make_user("staff")).get(f"/api/v1/inventory/reference/{kind}").status_code == 403


@pytest.mark.parametrize("kind", ["purposes", "categories"])
def test_api_reference_is_read_only(seeded: None, officer: Any, login_as: Any, kind: str) -> None:
    response = login_as(officer).post(
        f"/api/v1/inventory/reference/{kind}", {}, content_type="application/json"
    )

    assert response.status_code == 405
