"""End to end: create a self-check, answer items, attach evidence, finish, download the DOCX."""

from __future__ import annotations

import io

import pytest
from docx import Document

from shouhu.assessment.models import Answer, Assessment, State
from tests.assessment.conftest import answer_all

pytestmark = pytest.mark.browser


def _item(page, item_id):
    return page.locator(f'[data-testid="item-{item_id}"]')


@pytest.mark.django_db(transaction=True)
def test_complete_a_small_self_check(page, mfa_user, browser_login):
    officer = mfa_user("pd_officer", username="officer")
    browser_login(officer)
    page.goto("/assessment/")
    page.click("[data-testid=assessment-new]")
    page.select_option("select[name=tables]", "pd")
    page.fill("input[name=company_name]", "守護資訊股份有限公司")
    page.fill("input[name=assessed_on]", "2026-11-20")
    page.select_option("select[name=assessors]", [str(officer.pk)])
    page.click("[data-testid=form-submit]")
    page.wait_for_url("**/assessment/*/")
    assessment = Assessment.objects.get()
    # Most items answered beforehand; the browser answers the first two.
    answer_all(officer, assessment)
    Answer.objects.filter(assessment=assessment, item_id__in=["pd-1.1.1", "pd-1.1.2"]).update(
        result="", version=0
    )
    page.reload()
    assert "39 / 41" in page.inner_text("[data-testid=progress]")

    first = _item(page, "pd-1.1.1")
    first.locator("input[name=applicable][value='1']").check()
    first.locator("input[name=ticked][value=o1]").check()
    first.locator("input[name=blank-o1-b1]").fill("總經理")
    first.locator("textarea[name=explanation]").fill("董事會決議指定")
    first.locator("[data-testid='result-pd-1.1.1-conform']").check()
    first.locator("[data-testid='save-pd-1.1.1']").click()
    first.locator("[data-testid=saved]").wait_for()

    second = _item(page, "pd-1.1.2")
    second.locator("input[name=ticked][value=o1]").check()
    second.locator("[data-testid='result-pd-1.1.2-partial']").check()
    second.locator("[data-testid='save-pd-1.1.2']").click()
    second.locator("[data-testid=saved]").wait_for()
    page.wait_for_function("document.querySelector('[data-testid=progress]').innerText.includes('41 / 41')")

    first.locator("summary", has_text="佐證").click()
    first.locator("[data-testid='evidence-file-pd-1.1.1']").set_input_files(
        files=[{"name": "指派書.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%%EOF\n"}]
    )
    first.locator("[data-testid='evidence-upload-pd-1.1.1']").click()
    first.locator(".evidence-list", has_text="指派書.pdf").wait_for()

    page.click("[data-testid=complete]")
    page.click("[data-testid=complete-confirm]")
    page.wait_for_selector("[data-testid=assessment-state]:has-text('已完成')")
    assessment.refresh_from_db()
    assert assessment.state == State.COMPLETED
    assert assessment.findings.filter(item_id="pd-1.1.2").exists()

    with page.expect_download() as info:
        page.click("[data-testid=export-docx]")
    with open(info.value.path(), "rb") as fh:
        doc = Document(io.BytesIO(fh.read()))
    grid = doc.tables[1]
    row = next(r for r in grid.rows if r.cells[0].text == "1.1.1")
    assert "☑ 由總經理（職位）擔任" in row.cells[4].text
    assert "檢查結果：符合" in row.cells[4].text
    assert "佐證：指派書.pdf" in row.cells[4].text


@pytest.mark.django_db(transaction=True)
def test_a_stale_save_shows_the_other_persons_value_and_nothing_is_overwritten(
    page, mfa_user, make_user, browser_login
):
    from shouhu.assessment import services

    officer = mfa_user("pd_officer", username="officer")
    colleague = make_user("pd_officer", username="colleague")
    assessment = services.create_assessment(
        actor=officer, data={"tables": "pd", "company_name": "守護", "assessed_on": "2026-11-20"}
    )
    browser_login(officer)
    page.goto(f"/assessment/{assessment.pk}/")
    services.save_answer(
        actor=colleague,
        assessment=assessment,
        item_id="pd-1.2.1",
        version=0,
        data={"explanation": "同事先寫的說明", "result": "conform"},
    )
    item = _item(page, "pd-1.2.1")
    item.locator("textarea[name=explanation]").fill("我的說明")
    item.locator("[data-testid='save-pd-1.2.1']").click()
    conflict = item.locator("[data-testid=conflict]")
    conflict.wait_for()
    assert "colleague" in conflict.inner_text()
    assert "同事先寫的說明" in conflict.inner_text()
    assert Answer.objects.get(assessment=assessment, item_id="pd-1.2.1").explanation == "同事先寫的說明"


@pytest.mark.django_db(transaction=True)
def test_answer_page_fits_a_tablet(page, mfa_user, browser_login):
    from shouhu.assessment import services

    officer = mfa_user("pd_officer", username="officer")
    assessment = services.create_assessment(
        actor=officer, data={"tables": "both", "company_name": "守護", "assessed_on": "2026-11-20"}
    )
    page.set_viewport_size({"width": 820, "height": 1180})
    browser_login(officer)
    page.goto(f"/assessment/{assessment.pk}/")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    assert page.locator("article.item").count() == len(
        services.catalogue_of(assessment).table("pd").sections[0].all_items
    )
    page.goto(f"/assessment/{assessment.pk}/?filter=unanswered")
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    assert page.locator("article.item").count() == 93


# What the answering page says in each language: the English is Shouhu's own translation of the guideline.
PAGE_WORDS = {
    "zh-hant": {
        "evidence": "佐證",
        "title": "由高階管理者擔任個資安全總負責人",
        "unanswered": "附錄一第 1.2.1 項",
        "completed": "已完成",
    },
    "en": {
        "evidence": "Evidence",
        "title": "A senior manager serves as the chief officer responsible for personal data security",
        "unanswered": "Appendix 1, item 1.2.1 Management staff are assigned (one or more)",
        "completed": "Completed",
    },
}


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["zh-hant", "en"])
def test_answer_by_keyboard_section_by_section_and_finish_with_unanswered_items(
    page, mfa_user, browser_login, live_server, language
):
    from django.conf import settings

    from shouhu.assessment import services

    words = PAGE_WORDS[language]
    officer = mfa_user("pd_officer", username="officer")
    assessment = services.create_assessment(
        actor=officer, data={"tables": "pd", "company_name": "守護", "assessed_on": "2026-11-20"}
    )
    first_section = services.catalogue_of(assessment).table("pd").sections[0].all_items
    browser_login(officer)
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
    )
    page.goto(f"/assessment/{assessment.pk}/")
    first_item = _item(page, "pd-1.1.1")
    assert first_item.locator(".item-title").inner_text() == words["title"]
    official = first_item.locator(".official-text")
    if language == "en":
        # the official Chinese is one click away, for comparing with Shouhu's unofficial English
        assert first_item.locator("[data-testid=unofficial]").is_visible()
        assert not official.locator("[data-official]").first.is_visible()
        official.locator("summary").click()
        assert official.locator("[data-official]").first.inner_text() == "由高階管理者擔任個資安全總負責人"
        assert first_item.locator("input[name=blank-o1-b1]").get_attribute("aria-label") == "Position"
    else:
        assert official.count() == 0

    _item(page, "pd-1.1.1").locator(".item-title").click()
    page.keyboard.press("1")
    _item(page, "pd-1.1.1").locator("[data-testid=saved]").wait_for()
    page.keyboard.press("j")
    page.keyboard.press("3")
    _item(page, "pd-1.1.2").locator("[data-testid=saved]").wait_for()
    results = dict(Answer.objects.filter(assessment=assessment).values_list("item_id", "result"))
    assert (results["pd-1.1.1"], results["pd-1.1.2"]) == ("conform", "nonconform")
    assert page.inner_text("#nav-pd-s1") == f"2/{len(first_section)}"

    # link evidence already in the store by searching its name, never by a number
    from django.core.files.base import ContentFile

    from shouhu.evidence.services import store

    store(actor=officer, file=ContentFile(b"%PDF-1.4\n%%EOF\n"), filename="個資保護政策.pdf")
    first = _item(page, "pd-1.1.1")
    first.locator("summary", has_text=words["evidence"]).click()
    first.locator("[data-testid='evidence-search-pd-1.1.1']").fill("政策")
    first.locator("[data-testid=evidence-link]").click()
    first.locator(".evidence-list", has_text="個資保護政策.pdf").wait_for()

    page.click("[data-testid=section-next]")
    page.wait_for_url("**/?section=pd-s2")
    page.click("[data-testid=filter-nonconform]")
    page.wait_for_url("**/?filter=nonconform")
    assert page.locator("article.item").count() == 1

    page.goto(f"/assessment/{assessment.pk}/")
    page.click("[data-testid=complete]")
    listed = page.inner_text("[data-testid=unanswered]")
    assert words["unanswered"] in listed
    assert "pd-" not in listed
    page.fill("[data-testid=unanswered-reason]", "本次僅檢查第一章")
    page.click("[data-testid=complete-with-unanswered]")
    page.wait_for_selector(f"[data-testid=assessment-state]:has-text('{words['completed']}')")
    assessment.refresh_from_db()
    assert assessment.state == State.COMPLETED
    assert assessment.findings.count() == 40


def _stored(actor, name):
    from django.core.files.base import ContentFile

    from shouhu.evidence.services import store

    return store(actor=actor, file=ContentFile(b"%PDF-1.4\n" + name.encode() + b"\n%%EOF\n"), filename=name)


@pytest.mark.django_db(transaction=True)
def test_carry_forward_last_times_evidence_can_be_unticked(page, mfa_user, browser_login):
    import datetime as dt

    from shouhu.assessment import services
    from tests.assessment.conftest import answer_all

    officer = mfa_user("pd_officer", username="officer")

    def create(on):
        data = {"kind": "self", "tables": "pd", "company_name": "守護資訊股份有限公司", "assessed_on": on,
                "scope": "全公司"}  # fmt: skip
        return services.create_assessment(actor=officer, data=data, assessors=[officer])

    last_year = create(dt.date(2025, 11, 1))
    answer_all(officer, last_year)
    for name in ("去年政策.pdf", "去年補充.pdf"):
        services.link_evidence(
            actor=officer, assessment=last_year, item_id="pd-1.2.1", evidence_id=_stored(officer, name).pk
        )
    services.complete(actor=officer, assessment=last_year)
    current = create(dt.date(2026, 11, 20))
    browser_login(officer)
    page.goto(f"/assessment/{current.pk}/?section=pd-s1")

    # 沿用: one click takes last time's answer over as it was
    keep = _item(page, "pd-1.1.1")
    assert "上次：符合" in keep.locator("[data-testid='carry-pd-1.1.1']").inner_text()
    keep.locator("[data-testid='carry-keep-pd-1.1.1']").click()
    page.locator("[data-testid='carry-pd-1.1.1']").wait_for(state="detached")
    kept = Answer.objects.get(assessment=current, item_id="pd-1.1.1")
    assert (kept.result, kept.explanation) == ("conform", "說明 pd-1.1.1")

    # 修改: last time's answer and both evidence files are loaded ticked; untick one, change, save
    box = _item(page, "pd-1.2.1")
    assert "佐證 2 件" in box.locator("[data-testid='carry-pd-1.2.1']").inner_text()
    box.locator("[data-testid='carry-edit-pd-1.2.1']").click()
    page.locator("[data-testid=prefilled]").wait_for()
    box = _item(page, "pd-1.2.1")
    files = box.locator("[data-testid='carry-evidence-pd-1.2.1'] input[name=carry_evidence]")
    assert files.count() == 2
    assert all(files.nth(i).is_checked() for i in range(2))
    assert box.locator("textarea[name=explanation]").input_value() == "說明 pd-1.2.1"
    box.locator("[data-testid='carry-evidence-pd-1.2.1'] label", has_text="去年補充.pdf").locator(
        "input"
    ).uncheck()
    box.locator("textarea[name=explanation]").fill("今年改為部分符合")
    box.locator("[data-testid='result-pd-1.2.1-partial']").check()
    box.locator("[data-testid='save-pd-1.2.1']").click()
    _item(page, "pd-1.2.1").locator("[data-testid=saved]").wait_for()

    answer = Answer.objects.get(assessment=current, item_id="pd-1.2.1")
    assert (answer.result, answer.explanation) == ("partial", "今年改為部分符合")
    assert [e.original_name for e in answer.evidence.all()] == ["去年政策.pdf"]
    page.reload()  # what the page shows after saving is what was stored
    linked = _item(page, "pd-1.2.1").locator(".evidence-list").inner_text()
    assert "去年政策.pdf" in linked
    assert "去年補充.pdf" not in linked
    last = Answer.objects.get(assessment=last_year, item_id="pd-1.2.1")
    assert last.evidence.count() == 2  # last year's record is untouched
