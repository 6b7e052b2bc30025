"""Finding and corrective-action titles the system composed read in the reader's language; users' own do not."""

import pytest
from django.test import Client

from shouhu.assessment import findings as finding_services
from shouhu.assessment.models import CorrectiveAction, Finding

pytestmark = pytest.mark.django_db


@pytest.fixture
def finding(completed):
    return Finding.objects.get(assessment=completed, item_id="pd-1.1.1")


def _page(user, url: str, language: str) -> str:
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = language
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_finding_from_an_answer_is_titled_with_the_item_in_the_readers_language(officer, finding):
    assert finding.title.startswith("附錄一第 1.1.1 項：")  # stored as the record's language
    english = _page(officer, f"/assessment/{finding.assessment_id}/findings/", "en")
    assert "Appendix 1, item 1.1.1: " in english
    assert "附錄一第 1.1.1 項" not in english
    chinese = _page(officer, f"/assessment/{finding.assessment_id}/findings/", "zh-hant")
    assert finding.title in chinese


def test_a_proposed_action_title_reads_in_english_and_an_unchanged_save_keeps_the_stored_title(
    officer, finding
):
    client = Client()
    client.force_login(officer)
    client.cookies["django_language"] = "en"
    form = client.get(f"/assessment/findings/{finding.pk}/actions/new/").content.decode()
    assert 'value="Corrective action: Appendix 1, item 1.1.1: ' in form
    response = client.post(
        f"/assessment/findings/{finding.pk}/actions/new/",
        {"title": f"Corrective action: {_english_title(finding)}"},
    )
    assert response.status_code == 302
    action = CorrectiveAction.objects.get(finding=finding)
    assert action.title == f"矯正：{finding.title}"
    listing = _page(officer, "/assessment/actions/", "en")
    assert f"Corrective action: {_english_title(finding)}" in listing
    assert _page(officer, "/assessment/actions/", "zh-hant").count(f"矯正：{finding.title}") >= 1


def _english_title(finding: Finding) -> str:
    from shouhu.assessment.titles import finding_title

    return finding_title(finding, english=True)


def test_a_title_the_user_changed_is_shown_as_written_in_both_languages(officer, finding):
    action = finding_services.create_action(actor=officer, finding=finding, data={})
    finding_services.update_action(actor=officer, action=action, data={"title": "指派總經理為總負責人"})
    for language in ("en", "zh-hant"):
        assert "指派總經理為總負責人" in _page(officer, "/assessment/actions/", language)
    assert "Corrective action:" not in _page(officer, "/assessment/actions/", "en")


def test_the_audit_log_names_composed_findings_and_actions_in_the_readers_language(officer, finding):
    from django.utils import translation

    from shouhu.audit.models import AuditEvent

    action = finding_services.create_action(actor=officer, finding=finding, data={})
    created = AuditEvent.objects.filter(object_id=str(finding.pk), object_type="assessment.finding").first()
    logged = AuditEvent.objects.filter(object_id=str(action.pk), object_type="assessment.correctiveaction")
    assert created is not None
    assert created.object_repr == finding.title  # the stored zh-TW name, as before
    with translation.override("en"):
        assert created.object_shown.startswith("Appendix 1, item 1.1.1: ")
        assert logged.get().object_shown.startswith("Corrective action: Appendix 1, item 1.1.1: ")
    with translation.override("zh-hant"):
        assert logged.get().object_shown == f"矯正：{finding.title}"
