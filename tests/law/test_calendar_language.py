"""The calendar names how often and on what extra occasion a duty recurs in the reader's language."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils.html import escape

from shouhu.law import services
from shouhu.law.models import Obligation

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "frequency", "occasion"),
    [
        ("zh-hant", "每6個月", "公司資安或個資政策更新時"),
        ("en", "every 6 months", "whenever the company's security or privacy policy is updated"),
    ],
)
def test_frequency_and_extra_occasion_follow_the_page_language(
    officer: Any, client: Client, language: str, frequency: str, occasion: str
) -> None:
    services.sync_calendar(actor=officer)
    client.force_login(officer)
    client.cookies["django_language"] = language
    calendar = client.get("/law/calendar/").content.decode()
    drill = calendar.split('data-key="phishing-drill"', 1)[1].split("</tr>", 1)[0]
    assert f"<td>{frequency}</td>" in drill
    training = Obligation.objects.get(key="training")
    page = client.get(f"/law/calendar/{training.pk}/").content.decode()
    assert occasion.replace("'", "&#x27;") in page
    if language == "en":
        assert "每" not in drill
        assert "公司資安或個資政策更新時" not in page


def test_why_an_item_applies_may_apply_or_was_retired_reads_english_on_english_pages(
    officer: Any, company: Any, client: Client
) -> None:
    from tests.law.conftest import company_data, set_profile

    set_profile(company, capital_twd=9_000_000)
    services.save_company_facts(actor=officer, data=company_data(consumer_records=None))
    row = Obligation.objects.get(key="moda-art18-risk")
    client.force_login(officer)
    client.cookies["django_language"] = "en"
    page = client.get(f"/law/calendar/{row.pk}/").content.decode()
    assert row.pending_en.startswith("May apply: missing ")
    assert row.pending_en in page
    assert row.reason_en
    assert escape(row.reason_en) in page
    assert row.pending_zh not in page
    assert row.reason_zh not in page
    training = Obligation.objects.get(key="training")
    assert "A guideline recommendation" in client.get(f"/law/calendar/{training.pk}/").content.decode()

    services.save_company_facts(actor=officer, data=company_data(consumer_records=10))
    row.refresh_from_db()
    assert (row.active, row.pending_en) == (False, "")
    assert "no longer applies" in row.reason_en
    client.cookies["django_language"] = "zh-hant"
    assert escape(row.reason_zh) in client.get("/law/calendar/").content.decode()


def test_rows_synced_before_the_english_fields_get_the_fixed_reasons_in_english(officer: Any) -> None:
    from importlib import import_module

    from django.apps import apps

    services.sync_calendar(actor=officer)
    Obligation.objects.update(reason_en="")
    import_module("shouhu.law.migrations.0009_obligation_reason_en_fixed").fill(apps, None)
    training = Obligation.objects.get(key="training")
    assert training.reason_en == "A guideline recommendation, whichever laws apply"
    assert (
        training.reason_en
        == services._wanted(services.selectors.assessment_for_company(None)).get("training").reason_en
    )  # the migration's English is the sync's own
