"""Compliance calendar: rows from the applicable rules, next due dates, completion with evidence."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from shouhu.audit.models import AuditEvent
from shouhu.engines.law.catalogue import load_catalogue
from shouhu.law import selectors, services
from shouhu.law.models import Obligation
from shouhu.law.panels import calendar_panel
from tests.law.conftest import company_data, set_profile

pytestmark = pytest.mark.django_db

ALWAYS = {
    "self-check-internal-audit", "incident-drill", "processor-audit", "web-vuln-scan-pentest",
    "host-vuln-scan-malware", "training", "phishing-drill", "permission-review", "password-change",
    "purpose-review", "retention-end", "access-log-monitoring", "access-monitoring-drill",
}  # fmt: skip


def _active() -> set[str]:
    return set(Obligation.objects.filter(active=True).values_list("key", flat=True))


def test_guideline_obligations_are_always_on(officer: Any) -> None:
    result = services.sync_calendar(actor=officer)
    assert set(result.added) == ALWAYS
    assert _active() == ALWAYS
    again = services.sync_calendar(actor=officer)
    assert again.added == []
    assert again.removed == []


def test_never_done_items_are_due_from_activation_and_event_items_have_no_date(officer: Any) -> None:
    services.sync_calendar(actor=officer, on=dt.date(2026, 11, 1))
    assert Obligation.objects.get(key="training").due_on == dt.date(2026, 11, 1)
    assert Obligation.objects.get(key="retention-end").due_on is None
    assert Obligation.objects.get(key="retention-end").kind == Obligation.Kind.EVENT


def test_moda_art18_review_appears_and_disappears_with_the_reason(officer: Any, company: Any) -> None:
    services.save_company_facts(actor=officer, data=company_data())
    row = Obligation.objects.get(key="moda-art18-risk")
    assert row.active
    assert "股份有限公司、實收資本額 NT$12,000,000 ≥ NT$10,000,000 → 第18條年度檢視義務適用" in row.reason_zh
    moda = load_catalogue().law("moda-digital").version_on(timezone.localdate())
    assert moda is not None
    assert row.law_version == moda.id
    set_profile(company, capital_twd=9_000_000)
    services.save_company_facts(actor=officer, data=company_data(consumer_records=4999))
    row.refresh_from_db()
    assert not row.active
    assert row.reason_zh.startswith("數位經濟辦法第18條年度檢視不再適用：")
    assert "NT$9,000,000 < NT$10,000,000" in row.reason_zh
    assert AuditEvent.objects.filter(action="law.obligation_retired", object_id=str(row.pk)).exists()
    services.save_company_facts(actor=officer, data=company_data(consumer_records=5000))
    row.refresh_from_db()
    assert row.active
    assert "保有個資 5,000 筆 ≥ 5,000 筆" in row.reason_zh
    assert AuditEvent.objects.filter(action="law.obligation_reactivated", object_id=str(row.pk)).exists()


def test_threshold_crossing_adds_a_follow_up_with_its_due_date(officer: Any, company: Any) -> None:
    reached = timezone.localdate() - dt.timedelta(days=10)
    services.save_company_facts(
        actor=officer, data=company_data(consumer_records=6000, threshold_reached_on=reached)
    )
    follow = Obligation.objects.get(key="follow-up:moda-art18-cycle-start")
    assert follow.kind == Obligation.Kind.FOLLOW_UP
    assert follow.due_on is not None
    assert follow.due_on > reached


@pytest.mark.parametrize(
    ("key", "done", "due"),
    [
        ("training", dt.date(2026, 2, 10), dt.date(2027, 2, 10)),
        ("phishing-drill", dt.date(2026, 8, 31), dt.date(2027, 2, 28)),
        ("password-change", dt.date(2026, 9, 1), dt.date(2026, 11, 30)),
    ],
)
def test_completion_moves_next_due(officer: Any, key: str, done: dt.date, due: dt.date) -> None:
    services.sync_calendar(actor=officer, on=dt.date(2026, 1, 1))
    row = Obligation.objects.get(key=key)
    services.complete(actor=officer, obligation=row, done_on=done, note="已完成")
    row.refresh_from_db()
    assert row.last_done_on == done
    assert row.due_on == due


def test_an_older_completion_does_not_move_the_due_date_back(officer: Any) -> None:
    services.sync_calendar(actor=officer, on=dt.date(2026, 1, 1))
    row = Obligation.objects.get(key="training")
    services.complete(actor=officer, obligation=row, done_on=dt.date(2026, 6, 1))
    services.complete(actor=officer, obligation=row, done_on=dt.date(2026, 3, 1))
    row.refresh_from_db()
    assert row.due_on == dt.date(2027, 6, 1)


def test_completion_date_in_the_future_is_refused(officer: Any) -> None:
    services.sync_calendar(actor=officer)
    row = Obligation.objects.get(key="training")
    with pytest.raises(ValidationError) as info:
        services.complete(actor=officer, obligation=row, done_on=timezone.localdate() + dt.timedelta(days=1))
    assert info.value.message_dict["done_on"] == ["完成日不可晚於今天。"]


def test_completion_on_the_page_links_the_evidence(officer: Any, login_as: Any) -> None:
    services.sync_calendar(actor=officer)
    row = Obligation.objects.get(key="incident-drill")
    http = login_as(officer)
    upload = SimpleUploadedFile("drill.txt", "演練紀錄".encode(), content_type="text/plain")
    response = http.post(
        reverse("law:obligation", args=[row.pk]),
        {"action": "complete", "done_on": "115/11/20", "note": "年度演練", "file": upload},
    )
    assert response.status_code == 302
    completion = row.completions.get()
    assert completion.done_on == dt.date(2026, 11, 20)
    assert completion.evidence is not None
    assert completion.evidence.context == f"law.obligation:{row.pk}"
    page = http.get(reverse("law:obligation", args=[row.pk])).content.decode()
    assert reverse("evidence:detail", args=[completion.evidence.pk]) in page
    assert AuditEvent.objects.filter(action="law.completion.created").exists()


def test_owner_may_complete_without_manage_permission(officer: Any, auditor: Any, make_user: Any) -> None:
    services.sync_calendar(actor=officer)
    row = Obligation.objects.get(key="training")
    services.set_owner(actor=officer, obligation=row, owner=auditor)
    services.complete(actor=auditor, obligation=row, done_on=timezone.localdate())
    other = make_user("auditor")
    with pytest.raises(PermissionDenied):
        services.complete(actor=other, obligation=row, done_on=timezone.localdate())


def test_calendar_page_and_dashboard_panel_show_overdue_items(officer: Any, login_as: Any) -> None:
    services.sync_calendar(actor=officer, on=timezone.localdate() - dt.timedelta(days=40))
    http = login_as(officer)
    page = http.get(reverse("law:calendar")).content.decode()
    assert "（已逾期）" in page
    summary = selectors.due_summary()
    assert {o.key for o in summary.overdue} >= {"training", "incident-drill"}
    request = RequestFactory().get("/")
    request.user = officer
    panel = calendar_panel(request)
    assert panel is not None
    html = render_to_string(panel.template, {"ctx": panel.context})
    assert "已逾期 12 項" in html  # every dated always-on item, activated 40 days ago
    assert reverse("law:obligation", args=[Obligation.objects.get(key="training").pk]) in html


def test_api_calendar_and_completion(officer: Any, login_as: Any) -> None:
    http = login_as(officer)
    assert http.post("/api/v1/law/calendar/sync").json()["removed"] == []
    rows = http.get("/api/v1/law/calendar").json()
    training = next(r for r in rows if r["key"] == "training")
    assert training["frequency"] == "P1Y"
    done = http.post(f"/api/v1/law/calendar/{training['id']}/complete", data={"done_on": "2026-01-05"},
                     content_type="application/json")  # fmt: skip
    assert done.status_code == 200
    assert done.json()["due_on"] == "2027-01-05"
    bad = http.post(f"/api/v1/law/calendar/{training['id']}/complete", data={"done_on": "昨天"},
                    content_type="application/json")  # fmt: skip
    assert bad.status_code == 422


def test_obligation_of_a_rule_that_may_apply_is_kept_and_flagged(
    officer: Any, company: Any, login_as: Any
) -> None:
    set_profile(company, capital_twd=9_000_000)
    services.save_company_facts(actor=officer, data=company_data(consumer_records=None))
    row = Obligation.objects.get(key="moda-art18-risk")
    assert (row.active, row.pending_zh) == (True, "可能適用：尚缺 保有個資筆數")
    page = login_as(officer).get(reverse("law:calendar")).content.decode()
    assert "可能適用：尚缺 保有個資筆數" in page
    services.save_company_facts(actor=officer, data=company_data(consumer_records=10))
    row.refresh_from_db()
    assert (row.active, row.pending_zh) == (False, "")


def test_calendar_shows_law_versions_in_words_not_codes(officer: Any, company: Any, login_as: Any) -> None:
    services.save_company_facts(actor=officer, data=company_data())
    page = login_as(officer).get(reverse("law:calendar")).content.decode()
    assert "數位經濟相關產業個人資料檔案安全維護管理辦法（" in page
    assert ">2023-10-12<" not in page


def test_calendar_in_english(officer: Any, company: Any, login_as: Any) -> None:
    services.save_company_facts(actor=officer, data=company_data())
    page = login_as(officer).get(reverse("law:calendar"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<h1>Compliance calendar</h1>" in page
    assert "Subscribe (Outlook, Google Calendar)" in page


@pytest.mark.parametrize("url", ["/law/calendar/", "/api/v1/law/calendar"])
def test_reading_the_calendar_writes_nothing(officer: Any, login_as: Any, url: str) -> None:
    audit_rows = AuditEvent.objects.count()
    assert login_as(officer).get(url).status_code == 200
    assert (Obligation.objects.count(), AuditEvent.objects.count()) == (0, audit_rows)


def test_calendar_page_offers_to_sync_when_applicability_changed(officer: Any, login_as: Any) -> None:
    http = login_as(officer)
    page = http.get(reverse("law:calendar")).content.decode()
    assert 'data-testid="calendar-sync"' in page
    http.post(reverse("law:calendar_sync"))
    assert Obligation.objects.filter(key="training", active=True).exists()
    assert 'data-testid="calendar-pending"' not in http.get(reverse("law:calendar")).content.decode()


def test_auditor_sees_the_pending_notice_but_cannot_sync(auditor: Any, login_as: Any) -> None:
    http = login_as(auditor)
    page = http.get(reverse("law:calendar")).content.decode()
    assert 'data-testid="calendar-pending"' in page
    assert 'data-testid="calendar-sync"' not in page
    assert http.post(reverse("law:calendar_sync")).status_code == 403


def test_an_obligation_page_in_english_gives_its_source_and_note_in_english(
    officer: Any, login_as: Any
) -> None:
    """The recurring item's basis and note come from the catalogue's English (issue 12: they were zh only)."""
    from django.conf import settings

    services.sync_calendar(actor=officer)
    row = Obligation.objects.get(key="purpose-review")
    item = next(o for o in load_catalogue().recurring if o.id == "purpose-review")
    http = login_as(officer)
    http.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    page = http.get(reverse("law:obligation", args=[row.pk])).content.decode()

    assert item.source_en in page
    assert row.source_zh not in page
    assert '<dd data-testid="obligation-notes">The guideline says only &quot;regularly&quot;' in page
