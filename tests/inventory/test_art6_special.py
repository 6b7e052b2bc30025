"""Issue 12: PDPA Art. 6 on the MOJ categories — every word of the article is mapped to a code or said to have
none (基因, 犯罪前科), and an administrator or the privacy chief marks a category special on the reference page,
audited, with the article's word as its basis."""

from __future__ import annotations

import csv
from typing import Any

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from shouhu.audit.models import AuditEvent
from shouhu.inventory import services
from shouhu.inventory.models import Category, SpecialCategory
from shouhu.inventory.reference import DATA

ART6 = "個人資料保護法第6條第1項"


def _rows() -> list[dict[str, str]]:
    with (DATA / "pdpa-art6-categories.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_every_word_of_article_6_is_mapped_to_a_code_or_recorded_as_unmapped() -> None:
    rows = _rows()

    listed = sorted(term for row in rows for term in row["terms"].split())
    unmapped = [row for row in rows if not row["code"]]

    assert listed == sorted(SpecialCategory.values)
    with translation.override("zh-hant"):
        assert all(
            row["art6_terms"] == "、".join(str(SpecialCategory(t).label) for t in row["terms"].split())
            for row in rows
        )
    assert sorted(row["art6_terms"] for row in unmapped) == ["基因", "犯罪前科"]
    assert all(row["source"] and row["note_zh"].startswith("未對應代碼（不確定）") for row in unmapped)
    assert all(row["note_en"].startswith("No code mapped (uncertain)") for row in unmapped)


def test_the_privacy_chief_marks_a_category_special_with_the_article_and_an_audit_row(
    seeded: None, make_user: Any
) -> None:
    chief = make_user("pd_chief", username="chief")
    category = Category.objects.get(code="C116")

    services.set_category_special(actor=chief, category=category, special=True, term=SpecialCategory.CRIMINAL)

    category.refresh_from_db()
    assert (category.special, category.special_basis) == (True, f"{ART6}（犯罪前科）")
    event = AuditEvent.objects.filter(action="inventory.category.updated").latest("pk")
    assert event.actor_id == chief.pk
    assert event.changes == {"special": [False, True], "special_basis": ["", f"{ART6}（犯罪前科）"]}


def test_taking_the_mark_off_clears_the_basis(seeded: None, admin_user: Any) -> None:
    category = Category.objects.get(code="C116")
    services.set_category_special(actor=admin_user, category=category, special=True, term="criminal")

    services.set_category_special(actor=admin_user, category=category, special=False)

    category.refresh_from_db()
    assert (category.special, category.special_basis) == (False, "")


def test_an_officer_may_not_mark_a_category_special(seeded: None, make_user: Any) -> None:
    officer = make_user("pd_officer", username="officer")

    with pytest.raises(PermissionDenied):
        services.set_category_special(
            actor=officer, category=Category.objects.get(code="C116"), special=True, term="criminal"
        )

    assert Category.objects.get(code="C116").special is False


def test_marking_needs_the_word_of_the_article(seeded: None, admin_user: Any) -> None:
    with pytest.raises(ValidationError):
        services.set_category_special(
            actor=admin_user, category=Category.objects.get(code="C116"), special=True
        )


def test_a_category_the_law_data_maps_keeps_its_mark(seeded: None, admin_user: Any) -> None:
    with pytest.raises(ValidationError):
        services.set_category_special(
            actor=admin_user, category=Category.objects.get(code="C111"), special=False
        )

    assert Category.objects.get(code="C111").special is True


def test_the_reference_page_marks_a_category_in_english(seeded: None, make_user: Any, login_as: Any) -> None:
    web = login_as(make_user("pd_chief", username="chief"))
    web.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    category = Category.objects.get(code="C115")

    page = web.get(reverse("inventory:reference")).content.decode()
    assert 'data-testid="mark-special-C115"' in page
    assert "No code mapped (uncertain)" in page
    response = web.post(
        reverse("inventory:category_special", args=[category.pk]),
        {"special": "on", "term": "criminal"},
        follow=True,
    )

    category.refresh_from_db()
    assert (category.special, category.special_basis) == (True, f"{ART6}（犯罪前科）")
    assert "Category C115 is now marked as special personal data." in response.content.decode()


def test_an_officer_sees_no_marking_form(seeded: None, make_user: Any, login_as: Any) -> None:
    web = login_as(make_user("pd_officer", username="officer"))

    page = web.get(reverse("inventory:reference")).content.decode()

    assert 'data-testid="mark-special-' not in page
    assert "未對應代碼（不確定）" in page
