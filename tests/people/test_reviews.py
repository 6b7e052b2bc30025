"""Access-review campaigns: accounts matched to people, decisions with reasons by the assigned reviewer only,
closing refused while undecided, and closing leaves follow-ups, evidence and the calendar completed."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from openpyxl import load_workbook

from shouhu.audit.models import AuditEvent
from shouhu.evidence.services import read_bytes_internal
from shouhu.law import services as law
from shouhu.law.models import Obligation
from shouhu.people import selectors, services
from shouhu.people.models import FollowUp

pytestmark = pytest.mark.django_db


def _decide_all(actor, review, decision="keep"):
    for account in review.accounts.all():
        services.decide(actor=actor, account=account, decision=decision, reason="仍負責此系統維運")


def test_imported_accounts_are_matched_by_employee_number_email_or_unique_name(accounts, staff):
    people = {a.username: a.person for a in accounts.accounts.all()}
    assert people == {"wu": staff["wu"], "lee.k": staff["lee"], "temp01": None}


def test_reimporting_a_changed_privilege_clears_the_earlier_decision(officer, reviewer, accounts):
    wu = accounts.accounts.get(username="wu")
    services.decide(actor=reviewer, account=wu, decision="keep", reason="系統管理員")
    result = services.add_accounts(actor=officer, review=accounts, rows=[
        services.AccountRow(username="WU", display_name="吳承翰", employee_no="E001", privileges="read"),
    ])  # fmt: skip
    wu.refresh_from_db()
    assert result["updated"] == 1
    assert (wu.privileges, wu.decision, wu.reason) == ("read", "", "")


def test_a_decision_needs_a_reason(reviewer, accounts):
    account = accounts.accounts.first()
    with pytest.raises(ValidationError, match="請填寫理由"):
        services.decide(actor=reviewer, account=account, decision="revoke", reason="  ")


def test_only_an_assigned_reviewer_or_a_manager_decides(bystander, accounts):
    account = accounts.accounts.first()
    with pytest.raises(PermissionDenied):
        services.decide(actor=bystander, account=account, decision="keep", reason="看起來正常")


def test_a_reviewer_sees_only_the_reviews_assigned_to_them(reviewer, bystander, accounts):
    assert list(selectors.reviews_for(reviewer)) == [accounts]
    assert list(selectors.reviews_for(bystander)) == []


def test_a_review_with_undecided_accounts_cannot_close(officer, reviewer, accounts):
    services.decide(
        actor=reviewer, account=accounts.accounts.get(username="wu"), decision="keep", reason="管理者"
    )
    with pytest.raises(ValidationError, match="尚有 2 個帳號未決定"):
        services.close_review(actor=officer, review=accounts)


def test_a_review_without_accounts_cannot_close(officer, review):
    with pytest.raises(ValidationError, match="尚未匯入帳號清單"):
        services.close_review(actor=officer, review=review)


def test_closing_creates_follow_ups_for_revocations_and_changes_only(officer, reviewer, accounts):
    decisions = {"wu": "keep", "lee.k": "change", "temp01": "revoke"}
    for account in accounts.accounts.all():
        services.decide(
            actor=reviewer, account=account, decision=decisions[account.username], reason="依職務"
        )
    due = timezone.localdate() + dt.timedelta(days=7)
    services.close_review(actor=officer, review=accounts, followup_due_on=due)
    assert sorted(FollowUp.objects.values_list("account__username", "due_on")) == [
        ("lee.k", due),
        ("temp01", due),
    ]


def test_closing_completes_the_calendar_permission_review(officer, reviewer, accounts):
    law.sync_calendar(actor=officer)
    _decide_all(reviewer, accounts)
    services.close_review(actor=officer, review=accounts)
    obligation = Obligation.objects.get(key="permission-review")
    assert obligation.last_done_on == timezone.localdate()
    assert "（會員資料庫）：3 個帳號，保留 3、調整 0、撤銷 0" in obligation.completions.get().note


def test_the_calendar_note_of_a_closed_review_reads_in_the_readers_language(
    officer, reviewer, accounts, login_as, settings
):
    from django.utils import translation

    law.sync_calendar(actor=officer)
    _decide_all(reviewer, accounts)
    with translation.override("en"):  # closed from an English page: the note is still stored in zh-TW
        services.close_review(actor=officer, review=accounts)
    completion = Obligation.objects.get(key="permission-review").completions.get()
    assert (
        completion.note == f"存取權限審查「{accounts.title}」（會員資料庫）：3 個帳號，保留 3、調整 0、撤銷 0"
    )
    page = login_as(officer)
    page.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = page.get(f"/law/calendar/{completion.obligation_id}/").content.decode()
    assert f"Access review “{accounts.title}” (會員資料庫): 3 accounts; keep 3, change 0, revoke 0" in english
    page.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hant"
    assert completion.note in page.get(f"/law/calendar/{completion.obligation_id}/").content.decode()


def test_the_closed_result_is_kept_as_locked_evidence_with_every_decision(officer, reviewer, accounts):
    _decide_all(reviewer, accounts, decision="revoke")
    review = services.close_review(actor=officer, review=accounts)
    assert review.report.locked
    sheet = load_workbook(io.BytesIO(read_bytes_internal(review.report)))["帳號審查結果"]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=4)]
    assert [(r[0], r[7], r[8]) for r in rows] == [
        ("lee.k", "撤銷", "仍負責此系統維運"), ("temp01", "撤銷", "仍負責此系統維運"), ("wu", "撤銷", "仍負責此系統維運"),
    ]  # fmt: skip
    event = AuditEvent.objects.get(action="people.review_closed")
    assert event.changes["sha256"][1] == review.report.blob.sha256


def test_a_closed_review_refuses_further_decisions(officer, reviewer, accounts):
    _decide_all(reviewer, accounts)
    services.close_review(actor=officer, review=accounts)
    with pytest.raises(ValidationError, match="此審查已結案"):
        services.decide(actor=reviewer, account=accounts.accounts.first(), decision="revoke", reason="離職")


def test_a_follow_up_without_a_corrective_action_is_done_only_with_what_was_done(officer, reviewer, accounts):
    _decide_all(reviewer, accounts, decision="revoke")
    services.close_review(actor=officer, review=accounts)
    followup = selectors.followups().first()
    FollowUp.objects.filter(pk=followup.pk).update(action=None)  # as kept before follow-ups became actions
    followup.refresh_from_db()
    with pytest.raises(ValidationError, match="請說明處理方式"):
        services.complete_followup(actor=officer, followup=followup, note="")
    services.complete_followup(actor=officer, followup=followup, note="已於系統停用帳號")
    assert selectors.followups().count() == 2


def test_each_follow_up_is_a_corrective_action_with_owner_and_due_date(
    officer, reviewer, accounts, make_user
):
    from shouhu.assessment import selectors as assessment

    owner = make_user("pd_officer", username="it.chief")
    decisions = {"wu": "keep", "lee.k": "change", "temp01": "revoke"}
    for account in accounts.accounts.all():
        services.decide(
            actor=reviewer, account=account, decision=decisions[account.username], reason="依職務"
        )
    due = timezone.localdate() + dt.timedelta(days=7)
    services.close_review(actor=officer, review=accounts, followup_due_on=due, followup_owner=owner)
    temp01 = FollowUp.objects.get(account__username="temp01")
    action = temp01.action
    assert (action.title, action.owner, action.due_on, action.state) == (
        "撤銷帳號：會員資料庫 temp01", owner, due, "in_progress",
    )  # fmt: skip
    assert (action.finding.source, action.finding.severity) == ("access", "high")
    assert action.finding.origin == f"存取權限審查「{accounts.title}」（R-{accounts.pk}）"
    assert FollowUp.objects.get(account__username="lee.k").action.finding.severity == "medium"
    assert temp01.action_id in {a.pk for a in assessment.actions()}


def test_closing_the_corrective_action_completes_the_follow_up(officer, reviewer, accounts, close_action):
    _decide_all(reviewer, accounts, decision="revoke")
    services.close_review(actor=officer, review=accounts)
    followup = FollowUp.objects.get(account__username="temp01")
    with pytest.raises(ValidationError, match=f"矯正措施 CA-{followup.action_id} 追蹤"):
        services.complete_followup(actor=officer, followup=followup, note="已停用")
    close_action(followup.action, record="115/12/01 已於會員資料庫停用 temp01")
    followup.refresh_from_db()
    assert followup.done_at is not None
    assert followup.note == f"矯正措施 CA-{followup.action_id} 已結案：115/12/01 已於會員資料庫停用 temp01"
    assert AuditEvent.objects.filter(action="people.followup_done", object_id=str(followup.pk)).exists()


def test_reviewers_must_be_able_to_review(officer, system, make_user):
    nobody = make_user(username="norole")
    with pytest.raises(ValidationError, match="沒有審查權限"):
        services.create_review(actor=officer, system_id=system.pk, title="", reviewers=[nobody],
                               due_on=timezone.localdate())  # fmt: skip


def test_the_plans_personnel_chapter_cites_undertakings_and_closed_reviews(
    officer, reviewer, accounts, staff
):
    from shouhu.plan.chapters import Context, personnel_chapter
    from tests.people.conftest import PDF

    services.record_undertaking(actor=officer, person=staff["wu"], signed_on=timezone.localdate(), file=PDF,
                                filename="切結書.pdf")  # fmt: skip
    _decide_all(reviewer, accounts, decision="revoke")
    review = services.close_review(actor=officer, review=accounts)
    chapter = personnel_chapter(Context(actor=officer, today=timezone.localdate(), obligations={}))
    facts = {label: value for label, value, _source in chapter.facts}
    assert facts["已簽署有效保密切結之在職人員"] == "1 / 2"
    assert "保密切結紀錄" not in " ".join(chapter.missing)
    assert chapter.tables[0].rows == [["會員資料庫", review.title, timezone.localdate().isoformat(), "3", "3", "0",
                                       review.report.blob.sha256]]  # fmt: skip


def test_the_closed_result_is_also_kept_as_a_locked_pdf_with_every_account(
    officer, reviewer, accounts, pdf_renderer, login_as
):
    from pypdf import PdfReader

    _decide_all(reviewer, accounts, decision="revoke")
    review = services.close_review(actor=officer, review=accounts)
    assert review.report_pdf.locked
    data = read_bytes_internal(review.report_pdf)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    assert "存取權限審查結果：會員資料庫 115 年下半年權限審查" in text
    assert all(name in text for name in ("lee.k", "temp01", "wu"))
    event = AuditEvent.objects.get(action="people.review_closed")
    assert event.changes["pdf_sha256"][1] == review.report_pdf.blob.sha256
    client = login_as(officer)
    page = client.get(f"/people/reviews/{review.pk}/export.pdf")
    assert b"".join(page.streaming_content) == data
    api = client.get(f"/api/v1/people/reviews/{review.pk}/report.pdf")
    assert b"".join(api.streaming_content) == data
    assert client.get(f"/api/v1/people/reviews/{review.pk}").json()["report_pdf_sha256"] == (
        review.report_pdf.blob.sha256
    )


def test_an_open_review_has_no_stored_result_file_in_the_api(officer, accounts, login_as):
    response = login_as(officer).get(f"/api/v1/people/reviews/{accounts.pk}/report.xlsx")
    assert response.status_code == 404


def test_a_review_the_user_did_not_name_reads_in_the_readers_language(officer, system) -> None:
    from django.test import Client

    review = services.create_review(
        actor=officer, system_id=system.pk, title="", due_on=timezone.localdate(), reviewers=[officer]
    )
    assert review.title == f"{system.name} 存取權限審查"  # stored in zh-TW whoever wrote it
    client = Client()
    client.force_login(officer)
    client.cookies["django_language"] = "en"
    assert f"{system.name} access review" in client.get(f"/people/reviews/{review.pk}/").content.decode()
    client.cookies["django_language"] = "zh-hant"
    assert review.title in client.get(f"/people/reviews/{review.pk}/").content.decode()


def test_the_audit_log_names_an_unnamed_review_in_the_readers_language(officer, system) -> None:
    from django.utils import translation

    review = services.create_review(
        actor=officer, system_id=system.pk, title="", due_on=timezone.localdate(), reviewers=[officer]
    )
    event = AuditEvent.objects.filter(object_type="people.review", object_id=str(review.pk)).first()
    assert event is not None
    with translation.override("en"):
        assert event.object_shown == f"{system.name} access review"
    assert event.object_repr == review.title
