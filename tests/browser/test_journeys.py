"""Each role's daily tasks, end to end in Chromium, in zh-TW and English, on a desktop (1280) and a phone (390×844).

Screenshots of every step are saved under test-artefacts/<journey>/ for review.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.urls import reverse

from tests.browser.journeys import DESKTOP, PHONE, shot, sign_in

# (language cookie, viewport, name): every journey runs in both languages and on both screen sizes.
MODES = [
    pytest.param(("zh-hant", DESKTOP), id="zh-desktop"),
    pytest.param(("zh-hant", PHONE), id="zh-phone"),
    pytest.param(("en", DESKTOP), id="en-desktop"),
    pytest.param(("en", PHONE), id="en-phone"),
]
HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def sized_page(browser: Any, live_server: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    language, viewport = request.param
    context = browser.new_context(
        locale="zh-TW" if language != "en" else "en-US",
        timezone_id="Asia/Taipei",
        base_url=live_server.url,
        viewport=viewport,
        is_mobile=viewport is PHONE,
        has_touch=viewport is PHONE,
    )
    context.set_default_timeout(15000)
    page = context.new_page()
    page.shouhu_language = language  # type: ignore[attr-defined]
    page.shouhu_phone = viewport is PHONE  # type: ignore[attr-defined]
    yield page
    context.close()


def open_from_menu(page: Any, url_name: str) -> None:
    """Follow the main menu to a page; on a phone the menu first unfolds behind its button."""
    href = reverse(url_name)
    link = page.locator(f"nav.sidebar a[href='{href}']")
    if page.shouhu_phone:
        assert not link.is_visible()
        page.click(".nav-toggle")
    link.click()
    page.wait_for_url(f"**{href}")


def assert_page_language(page: Any) -> None:
    """English pages carry no Chinese UI text in their headings, labels and buttons."""
    if page.shouhu_language != "en":
        return
    # Text marked lang="zh-Hant" is quoted from a Chinese-only source (the guideline's items, official
    # names): it is left out; everything else in headings, labels, buttons and the menu must be English.
    texts = page.eval_on_selector_all(
        "main h1, main h2, main label, main button, main th, nav.sidebar a",
        """els => els.map(e => {
            const copy = e.cloneNode(true);
            copy.querySelectorAll('[lang|="zh"]').forEach(q => q.remove());
            return e.closest('[lang|="zh"]') ? '' : copy.textContent;
        })""",
    )
    assert [t for t in texts if HAN.search(t)] == []


def submit(page: Any, form_selector: str = "main form.stacked") -> None:
    """Submit a form and check the page came back without field errors."""
    with page.expect_navigation():
        page.locator(form_selector).locator("button[type=submit], button.btn").first.click()
    assert page.locator(".errorlist").all_inner_texts() == []


def no_horizontal_scroll(page: Any) -> None:
    """On a phone the page fits the screen: tables became cards, nothing scrolls sideways."""
    if page.shouhu_phone:
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        wide = page.evaluate(
            """() => { const w = document.documentElement.clientWidth;
                return Array.from(document.querySelectorAll('main *'))
                  .filter(e => e.getBoundingClientRect().right > w + 1)
                  .slice(-3).map(e => `${e.tagName}.${e.className} ${(e.textContent || '').slice(0, 30)}`); }"""
        )
        assert overflow <= 1, wide


def assert_cards(page: Any, table: str = "main table.list") -> None:
    """On a phone a list table reads as cards: each row a block, each value labelled with its column."""
    if not page.shouhu_phone:
        return
    rows = page.locator(f"{table} tbody tr")
    assert rows.count() > 0
    assert rows.first.evaluate("tr => getComputedStyle(tr).display") == "block"
    assert page.locator(f"{table} tbody td[data-label]").count() > 0


@pytest.mark.browser
@pytest.mark.parametrize("sized_page", MODES, indirect=True)
def test_admin_sets_up_company_people_and_roles(sized_page: Any, make_user: Any, live_server: Any) -> None:
    from django.utils import timezone

    from shouhu.accounts.models import RoleAssignment
    from shouhu.organization.models import CompanyProfile, Person

    page = sized_page
    journey = f"admin-setup-{page.shouhu_language}-{'phone' if page.shouhu_phone else 'desktop'}"
    admin = make_user("admin", username="journey-admin")
    sign_in(page, admin, live_server, language=page.shouhu_language)

    page.goto("/")
    shot(page, journey, "01-dashboard")
    open_from_menu(page, "organization:company")
    assert_page_language(page)
    page.goto(reverse("organization:company_edit"))
    page.fill("[name=name]", "Journey Systems Co., Ltd.")
    page.fill("[name=ubn]", "22099131")
    page.fill("[name=capital_twd]", "50000000")
    page.fill("[name=employees]", "80")
    shot(page, journey, "02-company-form")
    submit(page)
    assert CompanyProfile.objects.get().name == "Journey Systems Co., Ltd."

    page.goto(reverse("organization:department_create"))
    page.fill("[name=name]", "Customer Service")
    page.fill("[name=code]", "CS")
    submit(page)
    page.goto(reverse("organization:person_create"))
    page.fill("[name=name]", "Mei Wang")
    page.fill("[name=email]", "mei@example.com")
    page.select_option("[name=department]", label="Customer Service")
    submit(page)
    person = Person.objects.get(name="Mei Wang")
    page.goto(reverse("organization:person", args=[person.pk]))
    page.fill("[name=a-username]", "mei.wang")
    page.fill("[name=a-password]", "Journey-Passw0rd!")
    submit(page, f"form[action='{reverse('organization:person_account', args=[person.pk])}']")
    page.select_option("[name=r-role]", value="pd_officer")
    page.fill("[name=r-starts_on]", timezone.localdate().isoformat())
    submit(page, f"form[action='{reverse('organization:person_role', args=[person.pk])}']")
    assert_page_language(page)
    no_horizontal_scroll(page)
    shot(page, journey, "03-person-with-role")

    assert RoleAssignment.objects.filter(user__username="mei.wang", role="pd_officer").exists()
    page.goto(reverse("organization:people"))
    assert_cards(page)
    no_horizontal_scroll(page)
    shot(page, journey, "04-people-list")


@pytest.mark.browser
@pytest.mark.parametrize("sized_page", MODES, indirect=True)
def test_privacy_officer_inventories_a_file_and_starts_a_self_check(
    sized_page: Any, make_user: Any, live_server: Any
) -> None:
    from django.utils import timezone

    from shouhu.assessment.models import Assessment, CorrectiveAction
    from shouhu.inventory.models import PersonalDataFile
    from shouhu.organization.models import Department

    page = sized_page
    journey = f"privacy-officer-{page.shouhu_language}-{'phone' if page.shouhu_phone else 'desktop'}"
    from shouhu.core.seeding import run_all

    run_all()  # the MOJ purpose and category codes, as `shouhu serve` seeds them
    Department.objects.create(name="Member Services", code="MS")
    officer = make_user("pd_officer", username="journey-officer")
    sign_in(page, officer, live_server, language=page.shouhu_language)

    page.goto("/")
    open_from_menu(page, "inventory:files")
    assert_page_language(page)
    page.goto(reverse("inventory:file_create"))
    page.fill("[name=name]", "Member accounts")
    page.select_option("[name=department]", label="Member Services")
    page.fill("[name=records_general]", "5000")
    page.fill("[name=counted_on]", timezone.localdate().isoformat())
    page.locator("[name=data_subjects]").first.check()
    page.locator("[name=legal_bases]").first.check()
    page.locator("[name=purposes]").first.check()
    page.locator("[name=categories]").first.check()
    shot(page, journey, "01-file-form")
    submit(page)
    assert PersonalDataFile.objects.get(name="Member accounts").records_general == 5000
    page.goto(reverse("inventory:files"))
    assert "5,000" in page.inner_text("main")
    assert_cards(page)
    no_horizontal_scroll(page)
    shot(page, journey, "02-inventory-list")

    open_from_menu(page, "assessment:list")
    page.goto(reverse("assessment:create"))
    assert_page_language(page)
    page.select_option("select[name=tables]", "pd")
    page.fill("input[name=company_name]", "Journey Systems Co., Ltd.")
    page.select_option("select[name=assessors]", [str(officer.pk)])
    submit(page, "main form.card")
    assessment = Assessment.objects.get()
    page.wait_for_url(f"**{reverse('assessment:detail', args=[assessment.pk])}**")
    assert_page_language(page)

    # answer two items of the first section, one of them not conforming
    for item_id, result in (("pd-1.1.1", "conform"), ("pd-1.1.2", "nonconform")):
        item = page.locator(f'[data-testid="item-{item_id}"]')
        item.locator(f"[data-testid='result-{item_id}-{result}']").check()
        item.locator(f"[data-testid='save-{item_id}']").click()
        item.locator("[data-testid=saved]").wait_for()
    no_horizontal_scroll(page)
    shot(page, journey, "03-self-check-answered")

    # finish with the unanswered items listed by their printed numbers and a reason
    page.goto(reverse("assessment:detail", args=[assessment.pk]))  # now in progress: 完成 is offered
    page.click("[data-testid=complete]")
    listed = page.inner_text("[data-testid=unanswered]")
    assert "1.2.1" in listed
    assert "pd-" not in listed
    page.fill("[data-testid=unanswered-reason]", "First chapter only this time")
    page.click("[data-testid=complete-with-unanswered]")
    page.wait_for_function("() => document.querySelector('[data-testid=assessment-state]') !== null")
    assessment.refresh_from_db()
    assert assessment.state == "completed"
    finding = assessment.findings.get(item_id="pd-1.1.2")
    shot(page, journey, "04-self-check-completed")

    # a corrective action for the non-conforming item, with an owner and a due date
    page.goto(reverse("assessment:findings", args=[assessment.pk]))
    assert_page_language(page)
    assert_cards(page)
    page.goto(reverse("assessment:action_create", args=[finding.pk]))
    assert_page_language(page)
    page.fill("[name=title]", "Appoint the personal-data manager in writing")
    page.fill("[name=cause]", "The appointment was only verbal")
    page.fill("[name=measures]", "Board resolution and appointment letter")
    due = timezone.localdate() + dt.timedelta(days=30)
    page.fill("[name=due_on]", due.isoformat())
    page.select_option("[name=owner]", str(officer.pk))
    shot(page, journey, "05-corrective-action-form")
    submit(page)
    action = CorrectiveAction.objects.get(finding=finding)
    assert (action.due_on, action.owner_id) == (due, officer.pk)

    open_from_menu(page, "assessment:actions")
    assert_page_language(page)
    assert_cards(page)
    no_horizontal_scroll(page)
    shot(page, journey, "06-corrective-actions")


@pytest.mark.browser
@pytest.mark.parametrize("sized_page", MODES, indirect=True)
def test_security_chief_reports_an_incident_and_sees_its_clocks(
    sized_page: Any, make_user: Any, live_server: Any
) -> None:
    from django.utils import timezone

    from shouhu.incidents.models import Incident
    from tests.factories import CompanyFactory, PersonFactory

    page = sized_page
    journey = f"security-chief-{page.shouhu_language}-{'phone' if page.shouhu_phone else 'desktop'}"
    CompanyFactory(
        name="Journey Systems Co., Ltd.", address="No. 1, Xinyi Rd., Taipei", representative="Hua Huang"
    )
    chief = make_user("is_chief", username="journey-chief")
    # 表2 names the reporter with a title and a phone: the chief's own person record
    PersonFactory(user=chief, name="Kai Lin", job_title="CISO", phone="02-2700-0001", email="kai@example.com")
    sign_in(page, chief, live_server, language=page.shouhu_language)

    page.goto("/")
    open_from_menu(page, "incidents:list")
    page.goto(reverse("incidents:report"))
    assert_page_language(page)
    page.fill("[name=title]", "Member database queried from an unknown host")
    page.fill("[name=discovered_at]", timezone.localtime().strftime("%Y-%m-%dT%H:%M"))
    page.fill("[name=summary]", "Unusual bulk queries seen in the access log.")
    shot(page, journey, "01-report-form")
    submit(page)
    incident = Incident.objects.get(title="Member database queried from an unknown host")
    page.wait_for_url(f"**{reverse('incidents:detail', args=[incident.pk])}")

    clocks = page.locator("[data-testid=deadlines]")
    assert clocks.is_visible()
    assert page.locator("[data-testid=countdown]").count() >= 1
    # Colour is not the only signal: each clock badge also says what it means in words or a sign.
    badge = page.locator("[data-testid=countdown]").first
    assert badge.inner_text().strip() != ""
    if page.shouhu_language == "en":  # the live countdown speaks the page's language too
        page.wait_for_function(
            "el => /[0-9]{2}:[0-9]{2}:[0-9]{2}/.test(el.textContent)", arg=badge.element_handle()
        )
        assert not HAN.search(badge.inner_text())
    assert page.evaluate("el => getComputedStyle(el, '::before').content", badge.element_handle()) not in (
        "none",
        "normal",
        "",
    )
    if page.shouhu_phone:  # the clock table reads as cards, each value labelled with its column
        row_display = page.eval_on_selector(
            "[data-testid=deadlines] tbody tr", "tr => getComputedStyle(tr).display"
        )
        assert row_display == "block"
        assert page.locator("[data-testid=deadlines] td[data-label]").count() > 0
    assert_page_language(page)
    no_horizontal_scroll(page)
    shot(page, journey, "02-incident-clocks")

    # a clock waiting on an open fact links to the question; answering it records the decision
    page.locator("[data-testid=pending-serious]").first.click()
    page.wait_for_url(f"**{reverse('incidents:decide', args=[incident.pk, 'serious'])}")
    assert_page_language(page)
    page.select_option("select[name=value]", "yes")
    with page.expect_navigation():
        page.click("[data-testid=decide-submit]")
    incident.refresh_from_db()
    assert incident.serious is True

    # complete what the authority report needs, then generate it and download the document
    page.goto(reverse("incidents:edit", args=[incident.pk]))
    assert_page_language(page)
    now = timezone.localtime()
    page.fill("[name=occurred_at]", (now - dt.timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"))
    page.fill("[name=discovered_at]", (now - dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"))
    page.fill("[name=aware_at]", (now - dt.timedelta(minutes=30)).strftime("%Y-%m-%dT%H:%M"))
    page.check("input[name=kinds][value=leak]")
    page.fill("[name=general_records]", "1200")
    page.fill("[name=measures_taken]", "Blocked the host and rotated the database password.")
    page.fill("[name=subject_notice_plan]", "E-mail and SMS to the members concerned.")
    shot(page, journey, "03-incident-edit")
    with page.expect_navigation():
        page.click("[data-testid=incident-submit]")
    assert page.locator(".errorlist").all_inner_texts() == []
    assert page.locator("[data-testid=missing-report]").count() == 0
    with page.expect_navigation(timeout=60000):
        page.click("[data-testid=report-generate]")
    assert page.locator(".messages .msg-error").all_inner_texts() == []
    with page.expect_download() as download_info:
        page.click("[data-testid=report-docx]")
    with open(download_info.value.path(), "rb") as fh:
        assert fh.read(2) == b"PK"
    assert incident.reports.count() == 1
    assert_page_language(page)
    no_horizontal_scroll(page)
    shot(page, journey, "04-report-generated")

    open_from_menu(page, "incidents:list")
    assert_cards(page)
    shot(page, journey, "05-incident-list")


@pytest.mark.browser
@pytest.mark.parametrize("sized_page", MODES, indirect=True)
def test_employee_reports_a_suspected_incident(sized_page: Any, make_user: Any, live_server: Any) -> None:
    from django.utils import timezone

    from shouhu.documents import services as documents
    from shouhu.incidents.models import Incident, State
    from tests.factories import DepartmentFactory, PersonFactory

    page = sized_page
    journey = f"employee-{page.shouhu_language}-{'phone' if page.shouhu_phone else 'desktop'}"
    employee = make_user("staff", username="journey-employee")
    PersonFactory(name="Chen Wu", user=employee, department=DepartmentFactory(name="Systems"))
    officer, privacy_chief = make_user("pd_officer"), make_user("pd_chief")
    policy = documents.create_document(actor=officer, code="P-01", title="Privacy policy", tier="policy")
    version = documents.add_version(actor=officer, document=policy, file=b"%PDF-1.4\n", filename="policy.pdf")
    documents.approve_version(actor=privacy_chief, version=version)
    campaign = version.campaigns.first() or documents.start_campaign(
        actor=officer, version=version, due_on=timezone.localdate() + dt.timedelta(days=7)
    )
    from shouhu.training import services as training
    from shouhu.training.models import Assignment

    # remedial training assigned a month ago, due three days ago (time passed: the due date is moved back)
    training.assign(
        actor=officer,
        person_ids=[employee.person.pk],
        topic="phishing",
        reason="Clicked the drill link",
        due=timezone.localdate() + dt.timedelta(days=7),
        check_perm=False,
    )
    Assignment.objects.update(
        assigned_on=timezone.localdate() - dt.timedelta(days=30),
        due=timezone.localdate() - dt.timedelta(days=3),
    )
    sign_in(page, employee, live_server, language=page.shouhu_language)

    page.goto("/")
    shot(page, journey, "01-home")
    assert_page_language(page)
    # the trainings due are on the staff home, the overdue one flagged in words as well as colour
    due = page.locator("[data-testid=due-trainings]")
    phishing = due.locator(
        "tbody tr", has_text="Social-engineering" if page.shouhu_language == "en" else "社交工程防範"
    )
    assert phishing.locator("[data-testid=overdue]").count() == 1
    assert ("Overdue" if page.shouhu_language == "en" else "已逾期") in phishing.inner_text()
    assert_cards(page, "[data-testid=due-trainings]")
    no_horizontal_scroll(page)
    page.click("[data-testid=home-suspect]")  # the employee's home leads straight to the two-minute form
    page.fill("[name=what]", "A customer list was e-mailed to the wrong address")
    page.fill("[name=noticed_at]", timezone.localtime().strftime("%Y-%m-%dT%H:%M"))
    page.fill("[name=data_items]", "names, phone numbers")
    page.fill("[name=contact]", "ext. 123")
    assert_page_language(page)
    shot(page, journey, "02-report-form")
    submit(page, "main form")

    reported = Incident.objects.get(state=State.SUSPECTED)
    assert "wrong address" in (reported.summary + reported.title)
    no_horizontal_scroll(page)
    shot(page, journey, "03-after-report")

    # the policy waiting for the employee's acknowledgement: open it, then confirm it
    open_from_menu(page, "documents:mine")
    assert_page_language(page)
    assert_cards(page)
    shot(page, journey, "04-policies-to-acknowledge")
    with page.expect_download():
        page.click("[data-testid=ack-read]")
    page.reload()
    page.click("[data-testid=ack-confirm]")
    page.wait_for_load_state()
    assert campaign.acknowledgements.get(person__user=employee).acknowledged_at is not None
    assert_page_language(page)
    no_horizontal_scroll(page)
    shot(page, journey, "05-policy-acknowledged")
