import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from shouhu.assessment import selectors, services
from shouhu.assessment.models import Answer, Assessment, Finding, Result, State
from shouhu.audit.models import AuditEvent
from tests.assessment.conftest import answer_all

pytestmark = pytest.mark.django_db


def _answer(assessment, item_id):
    return Answer.objects.get(assessment=assessment, item_id=item_id)


def _save(actor, assessment, item_id, **data):
    return services.save_answer(
        actor=actor,
        assessment=assessment,
        item_id=item_id,
        data=data,
        version=_answer(assessment, item_id).version,
    )


def test_create_makes_one_answer_per_item_of_the_chosen_tables(make_assessment):
    assert make_assessment("pd").answers.count() == 41
    assert make_assessment("is").answers.count() == 52
    both = make_assessment("both")
    assert both.answers.count() == 93
    assert both.state == State.DRAFT
    assert AuditEvent.objects.filter(action="assessment.assessment.created", object_id=str(both.pk)).exists()


def test_unknown_catalogue_version_is_refused(make_assessment):
    with pytest.raises(ValidationError) as exc:
        make_assessment(catalogue_version="moea-1999")
    assert "catalogue_version" in exc.value.message_dict
    assert Assessment.objects.count() == 0


def test_staff_and_auditor_cannot_create(staff, auditor):
    for user in (staff, auditor):
        with pytest.raises(PermissionDenied):
            services.create_assessment(actor=user, data={"company_name": "x", "assessed_on": "2026-01-01"})


def test_first_answer_starts_the_assessment_and_is_audited(officer, make_assessment):
    assessment = make_assessment()
    answer = _save(
        officer,
        assessment,
        "pd-1.1.1",
        applicable=True,
        ticked=["o1"],
        blanks={"o1": {"b1": "總經理"}},
        explanation="已指定",
        result="conform",
    )
    assert answer.version == 1
    assert answer.blanks == {"o1": {"b1": "總經理"}}
    assessment.refresh_from_db()
    assert assessment.state == State.IN_PROGRESS
    event = AuditEvent.objects.get(action="assessment.answer_saved")
    assert event.changes["result"] == ["", "conform"]
    assert AuditEvent.objects.filter(action="assessment.in_progress").exists()


def test_not_applicable_needs_an_explanation_and_changes_nothing(officer, make_assessment):
    assessment = make_assessment()
    with pytest.raises(ValidationError) as exc:
        _save(officer, assessment, "pd-1.1.1", applicable=False, result="na")
    assert "說明" in exc.value.message_dict["na_reason"][0]
    assert _answer(assessment, "pd-1.1.1").version == 0
    answer = _save(officer, assessment, "pd-1.1.1", applicable=False, na_reason="由母公司統一指定")
    assert answer.result == Result.NOT_APPLICABLE


def test_item_that_always_applies_cannot_be_not_applicable(officer, make_assessment):
    assessment = make_assessment()
    with pytest.raises(ValidationError) as exc:
        _save(officer, assessment, "pd-2.1.1", applicable=False, na_reason="x")
    assert "不可勾選「不適用」" in exc.value.message_dict["applicable"][0]


def test_unknown_item_and_option_are_refused(officer, make_assessment):
    assessment = make_assessment()
    with pytest.raises(ValidationError) as exc:
        services.save_answer(actor=officer, assessment=assessment, item_id="pd-99.1", data={}, version=0)
    assert "pd-99.1" in exc.value.message_dict["item_id"][0]
    with pytest.raises(ValidationError) as exc:
        services.save_answer(actor=officer, assessment=assessment, item_id="is-1.1.1", data={}, version=0)
    assert "此檢查不含" in exc.value.message_dict["item_id"][0]
    with pytest.raises(ValidationError) as exc:
        _save(officer, assessment, "pd-1.1.1", ticked=["o9"], result="conform")
    assert "o9" in exc.value.message_dict["ticked"][0]


def test_blank_of_the_wrong_type_is_refused(officer, make_assessment):
    assessment = make_assessment()
    with pytest.raises(ValidationError) as exc:
        _save(
            officer,
            assessment,
            "pd-7.1",
            applicable=True,
            ticked=["o2"],
            blanks={"o2": {"b1": "常常"}},
            result="conform",
        )
    assert "頻率" in exc.value.message_dict["blanks"][0]
    answer = _save(
        officer,
        assessment,
        "pd-7.1",
        applicable=True,
        ticked=["o2"],
        blanks={"o2": {"b1": "1 年 2 次"}},
        result="conform",
    )
    assert answer.blanks == {"o2": {"b1": {"times": 2, "every": 1, "unit": "year"}}}


def test_stale_version_is_a_conflict_never_an_overwrite(officer, make_user, make_assessment):
    other = make_user("pd_officer", username="colleague")
    assessment = make_assessment()
    _save(officer, assessment, "pd-1.2.1", explanation="第一位的說明", result="conform")
    with pytest.raises(services.AnswerConflict) as exc:
        services.save_answer(
            actor=other,
            assessment=assessment,
            item_id="pd-1.2.1",
            data={"explanation": "第二位的說明", "result": "nonconform"},
            version=0,
        )
    assert "officer" in exc.value.messages[0]
    assert "未儲存" in exc.value.messages[0]
    assert exc.value.answer.explanation == "第一位的說明"
    answer = _answer(assessment, "pd-1.2.1")
    assert answer.explanation == "第一位的說明"
    assert answer.result == "conform"
    assert answer.version == 1


def test_completion_needs_every_item_answered(officer, make_assessment):
    assessment = make_assessment()
    with pytest.raises(ValidationError, match="尚未開始"):
        services.complete(actor=officer, assessment=assessment)
    _save(officer, assessment, "pd-1.1.1", result="conform", applicable=True)
    with pytest.raises(ValidationError, match="40 個項目未評定"):
        services.complete(actor=officer, assessment=assessment)


def test_completion_needs_the_blanks_of_ticked_options(officer, make_assessment):
    assessment = make_assessment()
    answer_all(officer, assessment)
    _save(officer, assessment, "pd-1.1.1", applicable=True, ticked=["o1"], result="conform")
    with pytest.raises(ValidationError, match="須填寫職位"):
        services.complete(actor=officer, assessment=assessment)


def test_completion_locks_and_creates_findings_with_default_severity(officer, completed):
    assert completed.state == State.COMPLETED
    assert completed.completed_by == officer
    findings = {f.item_id: f for f in Finding.objects.filter(assessment=completed)}
    assert set(findings) == {"pd-1.1.1", "pd-1.1.2"}
    assert findings["pd-1.1.1"].severity == "high"
    assert findings["pd-1.1.2"].severity == "medium"
    assert findings["pd-1.1.1"].source == Finding.Source.ANSWER


def test_locked_assessment_refuses_answers_and_edits(officer, completed):
    with pytest.raises(ValidationError, match="鎖定"):
        _save(officer, completed, "pd-1.2.1", result="nonconform")
    with pytest.raises(ValidationError, match="鎖定"):
        services.update_assessment(actor=officer, assessment=completed, data={"scope": "改"})
    with pytest.raises(ValidationError, match="鎖定"):
        services.attach_evidence(
            actor=officer, assessment=completed, item_id="pd-1.2.1", file=b"%PDF-1.4\n", filename="a.pdf"
        )
    with pytest.raises(ValidationError, match="已完成"):
        services.complete(actor=officer, assessment=completed)
    assert _answer(completed, "pd-1.2.1").result == "conform"


def test_revision_copies_answers_and_evidence_and_is_audited(officer, completed):
    with pytest.raises(ValidationError):
        services.new_revision(actor=officer, assessment=completed, reason="  ")
    revision = services.new_revision(actor=officer, assessment=completed, reason="更正 1.1.1")
    assert revision.revision == 2
    assert revision.revision_of == completed
    assert revision.state == State.IN_PROGRESS
    assert selectors.results(revision) == selectors.results(completed)
    answer = _save(officer, revision, "pd-1.1.1", applicable=True, result="conform")
    assert answer.result == "conform"
    assert _answer(completed, "pd-1.1.1").result == "nonconform"
    assert AuditEvent.objects.filter(
        action="assessment.revision_created", object_id=str(revision.pk)
    ).exists()
    with pytest.raises(ValidationError, match="進行中的修訂版"):
        services.new_revision(actor=officer, assessment=completed, reason="再一次")


def test_revision_of_an_open_assessment_is_refused(officer, make_assessment):
    with pytest.raises(ValidationError, match="只有已完成"):
        services.new_revision(actor=officer, assessment=make_assessment(), reason="x")


def test_management_review_by_the_chief(chief, officer, auditor, completed):
    with pytest.raises(PermissionDenied):
        services.review(actor=officer, assessment=completed, comments="ok", sign_off=True)
    with pytest.raises(PermissionDenied):
        services.review(actor=auditor, assessment=completed, comments="ok", sign_off=True)
    with pytest.raises(ValidationError):
        services.review(actor=chief, assessment=completed, comments=" ", sign_off=True)
    services.review(actor=chief, assessment=completed, comments="請於三個月內改善 1.1.1", sign_off=False)
    completed.refresh_from_db()
    assert completed.state == State.COMPLETED
    assert completed.review_comments.startswith("請於")
    services.review(actor=chief, assessment=completed, comments="同意，已簽核", sign_off=True)
    completed.refresh_from_db()
    assert completed.state == State.REVIEWED
    assert completed.reviewed_by == chief
    assert completed.reviewed_at
    assert AuditEvent.objects.filter(action="assessment.reviewed").exists()
    with pytest.raises(ValidationError, match="只有已完成"):
        services.review(actor=chief, assessment=completed, comments="again", sign_off=True)


def test_transition_table_refuses_skipping_states(officer, make_assessment):
    assessment = make_assessment()
    with pytest.raises(ValidationError, match="不可改為"):
        services._transition(actor=officer, assessment=assessment, to=State.REVIEWED)
    services.start(actor=officer, assessment=assessment)
    with pytest.raises(ValidationError, match="不可改為"):
        services.start(actor=officer, assessment=assessment)


def test_evidence_upload_link_and_refusal(officer, make_assessment):
    assessment = make_assessment()
    evidence = services.attach_evidence(
        actor=officer,
        assessment=assessment,
        item_id="pd-1.1.1",
        file=b"%PDF-1.4\n%%EOF\n",
        filename="指派書.pdf",
    )
    answer = _answer(assessment, "pd-1.1.1")
    assert evidence.context == f"assessment.answer:{answer.pk}"
    assert list(answer.evidence.all()) == [evidence]
    services.link_evidence(actor=officer, assessment=assessment, item_id="pd-1.1.2", evidence_id=evidence.pk)
    assert _answer(assessment, "pd-1.1.2").evidence.count() == 1
    with pytest.raises(ValidationError):
        services.attach_evidence(
            actor=officer, assessment=assessment, item_id="pd-1.1.1", file=b"", filename="x.pdf"
        )
    with pytest.raises(ValidationError, match="找不到"):
        services.link_evidence(actor=officer, assessment=assessment, item_id="pd-1.1.1", evidence_id=99999)
    assert answer.evidence.count() == 1
    services.unlink_evidence(
        actor=officer, assessment=assessment, item_id="pd-1.1.2", evidence_id=evidence.pk
    )
    assert _answer(assessment, "pd-1.1.2").evidence.count() == 0


def test_previous_completed_of_same_kind_skips_own_chain(officer, make_assessment):
    import datetime as dt

    first = make_assessment(on=dt.date(2025, 11, 1))
    answer_all(officer, first, result=Result.PARTIAL)
    services.complete(actor=officer, assessment=first)
    other_kind = make_assessment(kind="internal", on=dt.date(2026, 1, 1))
    answer_all(officer, other_kind)
    services.complete(actor=officer, assessment=other_kind)
    current = make_assessment(on=dt.date(2026, 11, 1))
    assert selectors.previous_completed(current) == first
    answer_all(officer, current)
    services.complete(actor=officer, assessment=current)
    revision = services.new_revision(actor=officer, assessment=current, reason="更正")
    assert selectors.previous_completed(revision) == first


def test_assessment_date_year_71_is_refused(make_assessment):
    import datetime as dt

    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as caught:
        make_assessment(on=dt.date(71, 1, 1))
    assert "檢查時間" in caught.value.message_dict["assessed_on"][0]
