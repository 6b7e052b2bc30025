from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from shouhu.audit.models import AuditEvent
from shouhu.core.seeding import run_all
from shouhu.inventory import services
from shouhu.inventory.models import MOJ_SOURCE, MOJ_VERSION, Category, Purpose, RefStatus
from shouhu.inventory.reference import WITHHELD, seed_moj_codes
from shouhu.inventory.widgets import flags


def test_seed_marks_absent_purpose_codes_missing_and_never_invents_names(seeded: None) -> None:
    assert Purpose.objects.filter(code__isnull=False).count() == 182
    assert Purpose.objects.filter(status=RefStatus.LISTED).count() == 85
    missing = Purpose.objects.get(code="004")
    assert missing.status == RefStatus.MISSING
    assert missing.name == ""
    assert str(missing) == "004（尚未收錄）"
    listed = Purpose.objects.get(code="069")
    assert listed.name == "契約、類似契約或其他法律關係事務"
    assert (listed.source, listed.version) == (MOJ_SOURCE, MOJ_VERSION)


@pytest.mark.parametrize(
    ("code", "name", "copy"),
    [
        ("039", "行政裁罰、行政調查", "sthousing.site.nthu.edu.tw"),
        ("130", "會議管理", "sthousing.site.nthu.edu.tw"),
        ("146", "圖書館、出版品管理", "freshman.tcu.edu.tw"),
        ("158", "學生（員）（含畢、結業生）資料管理", "sthousing.site.nthu.edu.tw"),
        ("159", "學術研究", "freshman.tcu.edu.tw"),
        ("172", "其他公共部門（包括行政法人、政府捐助財團法人及其他公法人）執行相關業務", "tdri.org.tw"),
    ],
)
def test_single_source_purposes_are_listed_with_their_copy_and_marked_unverified(
    seeded: None, code: str, name: str, copy: str
) -> None:
    purpose = Purpose.objects.get(code=code)

    assert (purpose.name, purpose.status, purpose.verification) == (name, RefStatus.LISTED, "single-source")
    assert copy in purpose.transcribed_from
    assert [f["kind"] for f in flags(purpose)] == ["unverified"]


def test_purpose_060_stays_missing_because_its_only_copy_rewords_codes(seeded: None) -> None:
    purpose = Purpose.objects.get(code="060")

    assert (purpose.status, purpose.name) == (RefStatus.MISSING, "")
    assert "060" in WITHHELD


def test_category_c112_is_listed_with_its_copy_and_marked_unverified(seeded: None) -> None:
    category = Category.objects.get(code="C112")

    assert (category.name, category.group, category.verification) == ("性生活", "健康與其他", "single-source")
    assert "FJU_SDRC" in category.transcribed_from
    assert "code range" in category.note
    assert [f["kind"] for f in flags(category)] == ["unverified", "special"]


def test_categories_seeded_with_source(seeded: None) -> None:
    assert Category.objects.count() == 52
    assert Category.objects.get(code="C001").name == "辨識個人者"
    assert Category.objects.get(code="C001").source == MOJ_SOURCE


def test_seeder_is_idempotent_and_registered(seeded: None) -> None:
    assert seed_moj_codes() == 0
    assert ("inventory.moj_codes", 0) in run_all()


def test_reseed_restores_a_seeded_row_and_audits_the_change(seeded: None) -> None:
    purpose = Purpose.objects.get(code="039")
    Purpose.objects.filter(pk=purpose.pk).update(name="舊轉錄文字", verification="two-source")

    assert seed_moj_codes() == 1

    purpose.refresh_from_db()
    assert (purpose.name, purpose.verification) == ("行政裁罰、行政調查", "single-source")
    event = AuditEvent.objects.filter(action="inventory.moj_code_seeded").latest("pk")
    assert (event.object_type, event.object_id, event.actor_id) == (
        "inventory.purpose",
        str(purpose.pk),
        None,
    )
    assert event.changes == {
        "name": ["舊轉錄文字", "行政裁罰、行政調查"],
        "verification": ["two-source", "single-source"],
    }


def test_reseed_keeps_a_listed_name_an_administrator_corrected(seeded: None, admin_user: Any) -> None:
    purpose = Purpose.objects.get(code="038")
    services.set_wording(actor=admin_user, item=purpose, name="行政執行（訂正）", source="FL010631 公告原文")

    assert seed_moj_codes() == 0

    purpose.refresh_from_db()
    assert (purpose.status, purpose.name, purpose.source) == (
        RefStatus.ADMIN,
        "行政執行（訂正）",
        "FL010631 公告原文",
    )
    event = AuditEvent.objects.filter(action="inventory.purpose.updated").latest("pk")
    assert (event.actor_id, event.changes["name"]) == (admin_user.pk, ["行政執行", "行政執行（訂正）"])


def test_reseed_keeps_a_missing_code_an_administrator_filled_even_when_the_list_gains_it(
    seeded: None, admin_user: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    purpose = Purpose.objects.get(code="060")
    services.set_wording(actor=admin_user, item=purpose, name="官方名稱", source="FL010631 第 60 項")
    monkeypatch.delitem(WITHHELD, "060")

    seed_moj_codes()  # the shipped list now carries 060 with its transcribed wording

    purpose.refresh_from_db()
    assert (purpose.status, purpose.name) == (RefStatus.ADMIN, "官方名稱")


def test_reseed_keeps_a_category_name_an_administrator_corrected(seeded: None, admin_user: Any) -> None:
    category = Category.objects.get(code="C112")
    services.set_wording(actor=admin_user, item=category, name="性生活（核對）", source="FL010631")

    assert seed_moj_codes() == 0

    category.refresh_from_db()
    assert (category.status, category.name) == (RefStatus.ADMIN, "性生活（核對）")


def test_wording_needs_name_and_source_and_refuses_custom_purposes(seeded: None, admin_user: Any) -> None:
    with pytest.raises(ValidationError):
        services.set_wording(actor=admin_user, item=Purpose.objects.get(code="004"), name="x", source=" ")
    custom = services.add_custom_purpose(actor=admin_user, name="系統除錯")
    with pytest.raises(ValidationError, match="自訂特定目的"):
        services.set_wording(actor=admin_user, item=custom, name="x", source="y")


def test_wording_needs_admin(seeded: None, officer: Any) -> None:
    with pytest.raises(PermissionDenied):
        services.set_wording(actor=officer, item=Purpose.objects.get(code="004"), name="x", source="y")


def test_custom_purpose(seeded: None, officer: Any) -> None:
    purpose = services.add_custom_purpose(actor=officer, name="系統維運期間之除錯")
    assert purpose.code is None
    assert str(purpose) == "自訂：系統維運期間之除錯"
    with pytest.raises(ValidationError, match="已有相同"):
        services.add_custom_purpose(actor=officer, name="系統維運期間之除錯")
    with pytest.raises(ValidationError):
        services.add_custom_purpose(actor=officer, name="  ")


def test_reference_page_shows_marks_copies_and_why_060_is_missing_and_saves_wording(
    seeded: None, admin_user: Any, login_as: Any
) -> None:
    from django.urls import reverse

    client = login_as(admin_user)
    html = client.get(reverse("inventory:reference")).content.decode()
    row = re.search(r'<tr data-code="159">(.*?)</tr>', html, re.S)
    assert row
    assert ">文字待查證</span>" in row.group(1)
    assert "轉錄出處 1 份" in row.group(1)
    assert "<li>http://freshman.tcu.edu.tw/?page_id=1825 (慈濟大學新生個人資料告知事項)</li>" in row.group(1)
    assert "該份轉錄也改寫了其他代碼的文字" in html

    purpose = Purpose.objects.get(code="159")
    response = client.post(
        reverse("inventory:purpose_wording", args=[purpose.pk]), {"name": "學術研究", "source": "公告原文"}
    )

    assert response.status_code == 302
    purpose.refresh_from_db()
    assert (purpose.status, purpose.source) == (RefStatus.ADMIN, "公告原文")
    html = client.get(reverse("inventory:reference")).content.decode()
    row = re.search(r'<tr data-code="159">(.*?)</tr>', html, re.S)
    assert row
    assert ">管理者填寫</span>" in row.group(1)
    assert ">文字待查證</span>" not in row.group(1)


def test_english_reference_page_shows_chinese_only_in_the_codes_data(
    seeded: None, admin_user: Any, login_as: Any
) -> None:
    from django.conf import settings
    from django.urls import reverse

    from tests.shell.test_language import _data_texts, chinese_left

    client = login_as(admin_user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(reverse("inventory:reference")).content.decode()
    data = _data_texts()

    assert "Wording unverified" in html
    assert "Transcribed from 1 copy" in html
    assert sorted(run for run in chinese_left(html) if not any(run in d for d in data)) == []
