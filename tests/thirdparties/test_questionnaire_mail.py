"""The respondent link is e-mailed from the app (real SMTP server on 127.0.0.1)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from shouhu.audit.models import AuditEvent
from shouhu.thirdparties import questionnaires, services


@pytest.fixture
def questionnaire(officer: Any, company: Any) -> Any:
    sub = services.save_subprocessor(
        actor=officer,
        data={"name": "乙雲端股份有限公司", "services": "主機代管", "contact_email": "sec@cloud.example.com"},
    )
    return questionnaires.create(actor=officer, subprocessor=sub, item_ids=["pd-1.1.1"], days=7)


def test_the_link_reaches_the_respondent(smtp, officer, questionnaire):
    questionnaires.send_link(actor=officer, questionnaire=questionnaire, to="sec@cloud.example.com")
    [message] = smtp.messages
    assert message["To"] == "sec@cloud.example.com"
    assert "受託者個人資料安全維護問卷" in message["Subject"]
    body = message.get_body().get_content()
    assert reverse("thirdparties:questionnaire", args=[questionnaire.token]) in body
    questionnaire.refresh_from_db()
    assert questionnaire.sent_to == "sec@cloud.example.com"
    assert AuditEvent.objects.filter(action="thirdparties.questionnaire_sent").count() == 1


def test_a_refused_message_is_not_recorded_as_sent(smtp, officer, questionnaire):
    smtp.refuse = True
    with pytest.raises(ValidationError) as caught:
        questionnaires.send_link(actor=officer, questionnaire=questionnaire, to="sec@cloud.example.com")
    assert "郵件寄送失敗" in caught.value.messages[0]
    questionnaire.refresh_from_db()
    assert questionnaire.sent_at is None


def test_a_bad_address_is_refused(smtp, officer, questionnaire):
    with pytest.raises(ValidationError) as caught:
        questionnaires.send_link(actor=officer, questionnaire=questionnaire, to="not-an-address")
    assert caught.value.message_dict["to"] == ["請填寫正確的電子郵件地址"]
    assert smtp.messages == []


def test_an_expired_questionnaire_is_not_sent(smtp, officer, questionnaire):
    questionnaire.expires_at = timezone.now() - dt.timedelta(minutes=1)
    questionnaire.save(update_fields=["expires_at"])
    with pytest.raises(ValidationError):
        questionnaires.send_link(actor=officer, questionnaire=questionnaire, to="sec@cloud.example.com")
    assert smtp.messages == []


def test_an_auditor_cannot_send(smtp, auditor, questionnaire):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        questionnaires.send_link(actor=auditor, questionnaire=questionnaire, to="sec@cloud.example.com")


def test_the_page_sends_to_the_processors_contact(smtp, login_as, officer, questionnaire):
    web = login_as(officer)
    page = web.get(
        reverse("thirdparties:subprocessor", args=[questionnaire.subprocessor_id])
    ).content.decode()
    assert 'value="sec@cloud.example.com"' in page
    web.post(
        reverse("thirdparties:questionnaire_send", args=[questionnaire.pk]), {"to": "sec@cloud.example.com"}
    )
    page = web.get(
        reverse("thirdparties:subprocessor", args=[questionnaire.subprocessor_id])
    ).content.decode()
    assert 'data-testid="questionnaire-sent"' in page
    assert len(smtp.messages) == 1
