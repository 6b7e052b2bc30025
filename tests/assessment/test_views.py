import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from shouhu.assessment import services
from shouhu.assessment.models import Answer, Assessment, Finding, State
from tests.assessment.conftest import answer_all

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def test_list_and_create(officer, login_as):
    c = login_as(officer)
    assert "自我檢查與稽核" in c.get("/assessment/").content.decode()
    r = c.post(
        "/assessment/new/",
        {
            "kind": "internal",
            "tables": "both",
            "company_name": "守護",
            "assessed_on": "2026-11-20",
            "assessors": [officer.pk],
            "catalogue_version": "moea-idb-2021-12",
        },
    )
    assessment = Assessment.objects.get()
    assert r.status_code == 302
    assert r["Location"] == f"/assessment/{assessment.pk}/"
    assert assessment.answers.count() == 93
    assert list(assessment.assessors.all()) == [officer]


def _section_sizes(assessment):
    catalogue = services.catalogue_of(assessment)
    return {
        f"{t}-s{s.number}": len(s.all_items)
        for t in assessment.table_ids
        for s in catalogue.table(t).sections
    }


def test_answer_page_shows_one_section_with_progress_for_every_section(officer, login_as, make_assessment):
    a = make_assessment("both")
    sizes = _section_sizes(a)
    page = login_as(officer).get(f"/assessment/{a.pk}/").content.decode()
    assert page.count('class="item card') == sizes["pd-s1"]
    for key, size in sizes.items():
        assert f'<span class="muted" id="nav-{key}">0/{size}</span>' in page
    assert "0 / 93" in page
    assert 'hx-post="/assessment/' in page
    assert "style=" not in page
    assert "<script>" not in page


def test_section_view_shows_that_section_and_links_its_neighbours(officer, login_as, make_assessment):
    a = make_assessment("pd")
    sizes = _section_sizes(a)
    page = login_as(officer).get(f"/assessment/{a.pk}/?section=pd-s2").content.decode()
    assert page.count('class="item card') == sizes["pd-s2"]
    assert 'href="?section=pd-s1" data-testid="section-previous"' in page
    assert 'href="?section=pd-s3" data-testid="section-next"' in page


def test_page_opens_on_the_first_section_with_unanswered_items(officer, login_as, make_assessment):
    a = make_assessment("pd")
    sizes = _section_sizes(a)
    first = services.catalogue_of(a).table("pd").sections[0].all_items
    for item in first:
        services.save_answer(
            actor=officer, assessment=a, item_id=item.id, version=0, data={"result": "conform"}
        )
    page = login_as(officer).get(f"/assessment/{a.pk}/").content.decode()
    assert page.count('class="item card') == sizes["pd-s2"]


def test_filters_show_unanswered_and_nonconforming_items_of_every_section(officer, login_as, make_assessment):
    a = make_assessment("both")
    services.save_answer(
        actor=officer, assessment=a, item_id="is-2.1.1", version=0, data={"result": "nonconform"}
    )
    c = login_as(officer)
    unanswered = c.get(f"/assessment/{a.pk}/?filter=unanswered").content.decode()
    assert unanswered.count('class="item card') == 92
    assert unanswered.count('data-testid="law-note"') >= 1
    assert "數位發展部" in unanswered
    failing = c.get(f"/assessment/{a.pk}/?filter=nonconform").content.decode()
    assert failing.count('class="item card') == 1
    assert 'data-testid="item-is-2.1.1"' in failing


def test_not_applicable_is_offered_once_per_item(officer, login_as, make_assessment):
    a = make_assessment("pd")
    page = login_as(officer).get(f"/assessment/{a.pk}/?filter=unanswered").content.decode()
    assert 'name="result" value="na"' not in page
    assert 'name="applicable" value="0"' in page


def test_htmx_save_updates_version_and_progress(officer, login_as, make_assessment):
    a = make_assessment()
    c = login_as(officer)
    r = c.post(
        f"/assessment/{a.pk}/items/pd-1.1.1/",
        {"version": "0", "applicable": "1", "ticked": ["o1"], "blank-o1-b1": "總經理", "result": "conform"},
        **HTMX,
    )
    body = r.content.decode()
    assert r.status_code == 200
    assert "已儲存" in body
    assert 'name="version" value="1"' in body
    assert "1 / 41" in body
    assert 'id="nav-pd-s1" hx-swap-oob="true">1/' in body
    answer = Answer.objects.get(assessment=a, item_id="pd-1.1.1")
    assert answer.blanks == {"o1": {"b1": "總經理"}}
    assert answer.updated_by == officer


def test_stale_save_shows_conflict_with_the_other_value(officer, make_user, login_as, make_assessment):
    a = make_assessment()
    services.save_answer(
        actor=officer,
        assessment=a,
        item_id="pd-1.2.1",
        version=0,
        data={"explanation": "甲的說明", "result": "conform"},
    )
    other = make_user("pd_officer", username="colleague")
    r = login_as(other).post(
        f"/assessment/{a.pk}/items/pd-1.2.1/",
        {"version": "0", "explanation": "乙的說明", "result": "nonconform"},
        **HTMX,
    )
    body = r.content.decode()
    assert 'data-testid="conflict"' in body
    assert "officer" in body
    assert "甲的說明" in body
    assert "未儲存" in body
    assert Answer.objects.get(assessment=a, item_id="pd-1.2.1").explanation == "甲的說明"


def test_validation_error_is_shown_in_zh_tw(officer, login_as, make_assessment):
    a = make_assessment()
    r = login_as(officer).post(
        f"/assessment/{a.pk}/items/pd-1.1.1/", {"version": "0", "applicable": "0"}, **HTMX
    )
    assert "須填寫說明" in r.content.decode()


def test_evidence_upload_through_the_page(officer, login_as, make_assessment):
    a = make_assessment()
    upload = SimpleUploadedFile("紀錄.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    r = login_as(officer).post(f"/assessment/{a.pk}/items/pd-1.1.1/evidence/", {"file": upload}, **HTMX)
    assert "紀錄.pdf" in r.content.decode()
    evidence = Answer.objects.get(assessment=a, item_id="pd-1.1.1").evidence.get()
    assert evidence.context.startswith("assessment.answer:")


def test_evidence_refused_by_the_store_shows_message(officer, login_as, make_assessment):
    a = make_assessment()
    upload = SimpleUploadedFile("x.exe", b"MZ\x90\x00" + b"\x00" * 64)
    r = login_as(officer).post(f"/assessment/{a.pk}/items/pd-1.1.1/evidence/", {"file": upload}, **HTMX)
    assert 'class="error"' in r.content.decode()
    assert not Answer.objects.get(assessment=a, item_id="pd-1.1.1").evidence.exists()


def test_complete_scores_findings_and_review_pages(officer, chief, auditor, login_as, make_assessment):
    old = make_assessment(on=dt.date(2025, 11, 1))
    answer_all(officer, old, result="partial")
    services.complete(actor=officer, assessment=old)
    a = make_assessment()
    answer_all(officer, a, overrides={"pd-1.1.1": "nonconform"})
    c = login_as(officer)
    assert c.post(f"/assessment/{a.pk}/complete/").status_code == 302
    a.refresh_from_db()
    assert a.state == State.COMPLETED
    page = c.get(f"/assessment/{a.pk}/").content.decode()
    assert 'class="item-form"' not in page
    assert "鎖定" in page
    scores = c.get(f"/assessment/{a.pk}/scores/").content.decode()
    assert "<svg" in scores
    assert "計分方式" in scores
    assert 'data-testid="better"' in scores
    better = scores.split('data-testid="better"')[1].split("</ul>")[0]
    assert "<li>1.1.2 " in better  # the printed item number, never the internal id
    assert "pd-" not in better
    assert "<li>1.1.1 " in scores.split('data-testid="worse"')[1].split("</ul>")[0]
    findings = login_as(auditor).get(f"/assessment/{a.pk}/findings/").content.decode()
    assert "新增缺失" in findings
    assert "附錄一第 1.1.1 項" in findings
    r = login_as(auditor).post(
        f"/assessment/{a.pk}/findings/", {"title": "稽核發現", "severity": "low", "item_id": ""}
    )
    assert r.status_code == 302
    assert Finding.objects.filter(title="稽核發現").exists()
    r = login_as(chief).post(f"/assessment/{a.pk}/review/", {"comments": "同意", "sign_off": "on"})
    assert r.status_code == 302
    a.refresh_from_db()
    assert a.state == State.REVIEWED


def test_exports_download(officer, login_as, completed):
    c = login_as(officer)
    for fmt, start in (("docx", b"PK"), ("xlsx", b"PK"), ("oscal", b"{")):
        r = c.get(f"/assessment/{completed.pk}/export/{fmt}/")
        assert r.status_code == 200, fmt
        assert r.content.startswith(start), fmt
    assert c.get(f"/assessment/{completed.pk}/export/exe/").status_code == 404


def test_auditor_sees_read_only_page_and_cannot_save(auditor, login_as, make_assessment):
    a = make_assessment()
    c = login_as(auditor)
    page = c.get(f"/assessment/{a.pk}/").content.decode()
    assert 'class="item-form"' not in page
    assert "完成並鎖定" not in page
    assert (
        c.post(f"/assessment/{a.pk}/items/pd-1.1.1/", {"version": "0", "result": "conform"}).status_code
        == 403
    )
    assert c.get("/assessment/new/").status_code == 403


def test_staff_is_denied_everywhere(staff, login_as, completed):
    c = login_as(staff)
    for url in (
        "/assessment/",
        f"/assessment/{completed.pk}/",
        f"/assessment/{completed.pk}/scores/",
        f"/assessment/{completed.pk}/export/docx/",
        "/assessment/actions/",
    ):
        assert c.get(url).status_code == 403, url


def test_actions_list_detail_transition_and_exports(officer, login_as, completed):
    finding = Finding.objects.filter(assessment=completed).first()
    c = login_as(officer)
    r = c.post(
        f"/assessment/findings/{finding.pk}/actions/new/",
        {
            "title": "指定總負責人",
            "cause": "未指定",
            "measures": "公告指定",
            "owner": officer.pk,
            "due_on": "2020-01-01",
        },
    )
    assert r.status_code == 302
    listing = c.get("/assessment/actions/?overdue=1").content.decode()
    assert "指定總負責人" in listing
    assert "逾期" in listing
    action = finding.actions.get()
    r = c.post(f"/assessment/actions/{action.pk}/transition/", {"to": "closed"}, follow=True)
    assert "不可改為「已結案」" in r.content.decode()
    c.post(f"/assessment/actions/{action.pk}/transition/", {"to": "in_progress"})
    action.refresh_from_db()
    assert action.state == "in_progress"
    assert c.get("/assessment/actions/export/xlsx/").content.startswith(b"PK")
    assert b"plan-of-action-and-milestones" in c.get("/assessment/actions/export/poam/").content


def test_finishing_with_unanswered_items_lists_them_by_printed_number(officer, login_as, make_assessment):
    a = make_assessment("both")
    answer_all(officer, a)
    Answer.objects.filter(assessment=a, item_id__in=["pd-1.1.1", "is-2.1.1"]).update(result="")
    page = login_as(officer).get(f"/assessment/{a.pk}/complete/").content.decode()
    listed = page.split('data-testid="unanswered"')[1].split("</ul>")[0]
    assert "附錄一第 1.1.1 項" in listed
    assert "附錄二第 2.1.1 項" in listed
    assert "pd-1.1.1" not in listed.replace("item-pd-1_1_1", "")


def test_finishing_with_unanswered_items_needs_a_reason(officer, login_as, make_assessment):
    a = make_assessment()
    answer_all(officer, a)
    Answer.objects.filter(assessment=a, item_id="pd-1.1.1").update(result="")
    page = login_as(officer).post(f"/assessment/{a.pk}/complete/", {"handle": "nonconform", "reason": ""})
    assert "請說明未作答項目的原因" in page.content.decode()
    a.refresh_from_db()
    assert a.state == State.IN_PROGRESS


def test_finishing_rates_unanswered_items_nonconform_with_the_reason(officer, login_as, make_assessment):
    a = make_assessment()
    answer_all(officer, a)
    Answer.objects.filter(assessment=a, item_id="pd-1.1.1").update(result="")
    r = login_as(officer).post(
        f"/assessment/{a.pk}/complete/", {"handle": "nonconform", "reason": "負責人離職"}
    )
    assert r.status_code == 302
    a.refresh_from_db()
    assert a.state == State.COMPLETED
    answer = Answer.objects.get(assessment=a, item_id="pd-1.1.1")
    assert answer.result == "nonconform"
    assert answer.explanation.endswith("完成時未作答，記為不符合：負責人離職")
    assert Finding.objects.filter(assessment=a, item_id="pd-1.1.1").exists()


def _stored(officer, name, description="", context=""):
    from django.core.files.base import ContentFile

    from shouhu.evidence.services import store

    return store(
        actor=officer,
        file=ContentFile(b"%PDF-1.4\n" + name.encode() + b"\n%%EOF\n"),
        filename=name,
        description=description,
        context=context,
    )


def test_evidence_search_finds_files_by_name_description_and_date(officer, login_as, make_assessment):
    from django.utils import timezone

    from shouhu.core.rocdate import format_roc_short

    a = make_assessment()
    policy = _stored(officer, "個資保護政策.pdf", "董事會核定版")
    _stored(officer, "網路架構圖.pdf", context="incidents.incident:1")
    c = login_as(officer)
    url = f"/assessment/{a.pk}/items/pd-1.1.1/evidence/search/"
    assert "個資保護政策.pdf" in c.get(url, {"q": "政策"}).content.decode()
    assert "個資保護政策.pdf" in c.get(url, {"q": "董事會"}).content.decode()
    by_module = c.get(url, {"q": "事件"}).content.decode()
    assert "網路架構圖.pdf" in by_module
    assert "個資保護政策.pdf" not in by_module
    today = format_roc_short(timezone.localdate())
    both = c.get(url, {"q": today}).content.decode()
    assert "個資保護政策.pdf" in both
    assert "網路架構圖.pdf" in both
    assert f'"evidence_id": "{policy.pk}"' in both
    assert "找不到符合" in c.get(url, {"q": "不存在的檔名"}).content.decode()


def test_linking_a_found_file_and_no_numeric_id_is_asked(officer, login_as, make_assessment):
    a = make_assessment()
    policy = _stored(officer, "個資保護政策.pdf")
    c = login_as(officer)
    page = c.get(f"/assessment/{a.pk}/?section=pd-s1").content.decode()
    assert 'name="evidence_id"' not in page
    r = c.post(f"/assessment/{a.pk}/items/pd-1.1.1/evidence/", {"evidence_id": policy.pk}, **HTMX)
    assert "個資保護政策.pdf" in r.content.decode()
    assert list(Answer.objects.get(assessment=a, item_id="pd-1.1.1").evidence.all()) == [policy]
    again = c.get(f"/assessment/{a.pk}/items/pd-1.1.1/evidence/search/", {"q": "政策"}).content.decode()
    assert "個資保護政策.pdf" not in again  # already linked


@pytest.fixture
def last_year(officer, make_assessment):
    old = make_assessment(on=dt.date(2025, 11, 1))
    answer_all(officer, old)
    services.link_evidence(
        actor=officer, assessment=old, item_id="pd-1.2.1", evidence_id=_stored(officer, "去年政策.pdf").pk
    )
    return services.complete(actor=officer, assessment=old)


def test_unanswered_items_offer_last_times_answer(officer, login_as, make_assessment, last_year):
    a = make_assessment()
    page = login_as(officer).get(f"/assessment/{a.pk}/?section=pd-s1").content.decode()
    box = page.split('data-testid="carry-pd-1.2.1"')[1].split("</div>")[0]
    assert "上次：" in box
    assert "<strong>符合</strong> — 說明 pd-1.2.1（佐證 1 件）" in box


def test_keep_takes_over_answer_explanation_and_evidence(officer, login_as, make_assessment, last_year):
    a = make_assessment()
    r = login_as(officer).post(f"/assessment/{a.pk}/items/pd-1.2.1/carry/", {"version": "0"}, **HTMX)
    assert r.status_code == 200
    answer = Answer.objects.get(assessment=a, item_id="pd-1.2.1")
    assert (answer.result, answer.explanation) == ("conform", "說明 pd-1.2.1")
    assert [e.original_name for e in answer.evidence.all()] == ["去年政策.pdf"]
    assert 'data-testid="carry-pd-1.2.1"' not in r.content.decode()


def test_modify_prefills_the_form_without_saving(officer, login_as, make_assessment, last_year):
    a = make_assessment()
    r = login_as(officer).get(f"/assessment/{a.pk}/items/pd-1.2.1/?from=previous", **HTMX)
    body = r.content.decode()
    assert 'data-testid="prefilled"' in body
    assert ">說明 pd-1.2.1</textarea>" in body
    assert Answer.objects.get(assessment=a, item_id="pd-1.2.1").result == ""


def test_modify_offers_last_times_evidence_and_saving_links_the_kept_ones(
    officer, login_as, make_assessment, last_year
):
    a = make_assessment()
    extra = _stored(officer, "去年補充.pdf")
    previous = Answer.objects.get(assessment=last_year, item_id="pd-1.2.1")
    previous.evidence.add(extra)
    kept = previous.evidence.get(original_name="去年政策.pdf")
    c = login_as(officer)
    body = c.get(f"/assessment/{a.pk}/items/pd-1.2.1/?from=previous", **HTMX).content.decode()
    assert f'name="carry_evidence" value="{kept.pk}" checked> 去年政策.pdf' in body
    assert f'name="carry_evidence" value="{extra.pk}" checked> 去年補充.pdf' in body
    unrelated = _stored(officer, "別項的檔案.pdf")  # not linked to this item last time: never carried
    c.post(
        f"/assessment/{a.pk}/items/pd-1.2.1/",
        {
            "version": "0",
            "applicable": "1",
            "result": "partial",
            "explanation": "今年改為部分符合",
            "carry_evidence": [str(kept.pk), str(unrelated.pk)],  # the user unticked 去年補充.pdf
        },
        **HTMX,
    )
    answer = Answer.objects.get(assessment=a, item_id="pd-1.2.1")
    assert (answer.result, answer.explanation) == ("partial", "今年改為部分符合")
    assert [e.original_name for e in answer.evidence.all()] == ["去年政策.pdf"]
