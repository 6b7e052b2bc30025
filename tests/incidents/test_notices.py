"""Client notification e-mail (圖 18) through a real SMTP server; failures keep the draft; subject notices."""

from __future__ import annotations

from email import message_from_bytes, policy
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from shouhu.evidence.models import EvidenceAccess
from shouhu.evidence.services import read_bytes_internal
from shouhu.incidents import notices
from shouhu.incidents.models import Incident, NoticeStatus


def test_draft_follows_figure_18(incident: Incident, officer: Any, client_a: Any) -> None:
    notice = notices.prepare_client_notice(actor=officer, incident=incident, client=client_a)
    assert notice.to == "security@a.example.com"  # the security contact first
    assert notice.subject == "守護資訊股份有限公司個資事故通知"
    assert "本公司非常注重您的權益" in notice.body
    assert "已刪除木馬程式" in notice.body
    assert "將依法於期限內通報主管機關" in notice.body
    assert "更改密碼" in notice.body
    # preparing again returns the same draft untouched
    assert notices.prepare_client_notice(actor=officer, incident=incident, client=client_a).pk == notice.pk


def test_send_via_smtp_recorded_as_evidence(
    incident: Incident, officer: Any, client_a: Any, smtp: Any
) -> None:
    notice = notices.prepare_client_notice(actor=officer, incident=incident, client=client_a)
    notices.save_client_notice(
        actor=officer,
        notice=notice,
        data={
            "to": notice.to,
            "cc": "officer@example.com",
            "subject": notice.subject,
            "body": notice.body + "\n附註：請回覆確認。",
        },
    )
    notices.send_client_notice(actor=officer, notice=notice)
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.SENT
    assert notice.sent_at is not None
    assert len(smtp.messages) == 1
    assert set(smtp.envelopes[0].rcpt_tos) == {"security@a.example.com", "officer@example.com"}
    assert "附註：請回覆確認。" in smtp.messages[0].get_content()
    stored = message_from_bytes(read_bytes_internal(notice.evidence), policy=policy.default)
    assert stored["Subject"].strip() == notice.subject
    assert notice.evidence.locked
    assert incident.evidence_links.filter(evidence=notice.evidence, category="notice_proof").exists()
    # the engine's "notify the client" deadline for this client is met by that document
    rows = incident.deadlines.filter(party_id=f"client-{client_a.pk}", recipient_zh__contains="委託")
    assert rows
    assert all(r.met_evidence_id == notice.evidence_id for r in rows)
    with pytest.raises(ValidationError, match="已寄出"):
        notices.send_client_notice(actor=officer, notice=notice)


def test_smtp_failure_keeps_draft_and_retry_works(
    incident: Incident, officer: Any, client_a: Any, smtp: Any
) -> None:
    notice = notices.prepare_client_notice(actor=officer, incident=incident, client=client_a)
    body = notice.body
    smtp.refuse = True
    notices.send_client_notice(actor=officer, notice=notice)
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.FAILED
    assert "451" in notice.last_error
    assert notice.body == body
    assert notice.attempts == 1
    smtp.refuse = False
    notices.send_client_notice(actor=officer, notice=notice)
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.SENT
    assert notice.attempts == 2
    assert notice.last_error == ""
    assert len(smtp.messages) == 1


def test_unreachable_server_is_a_failure_not_a_crash(
    incident: Incident, officer: Any, client_a: Any, settings: Any
) -> None:
    from tests.smtp import free_port

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", free_port(), False
    notice = notices.prepare_client_notice(actor=officer, incident=incident, client=client_a)
    notices.send_client_notice(actor=officer, notice=notice)
    assert notice.status == NoticeStatus.FAILED
    assert "ConnectionRefused" in notice.last_error


def test_eml_download(incident: Incident, officer: Any, client_a: Any) -> None:
    notice = notices.prepare_client_notice(actor=officer, incident=incident, client=client_a)
    message = message_from_bytes(notices.eml_bytes(actor=officer, notice=notice), policy=policy.default)
    assert message["To"] == "security@a.example.com"
    assert "本公司非常注重您的權益" in message.get_content()


def test_bad_addresses_refused(incident: Incident, officer: Any, client_a: Any) -> None:
    notice = notices.prepare_client_notice(actor=officer, incident=incident, client=client_a)
    with pytest.raises(ValidationError) as err:
        notices.save_client_notice(
            actor=officer, notice=notice, data={"to": "not-an-address", "subject": "x", "body": "y"}
        )
    assert "電子郵件格式錯誤" in err.value.message_dict["to"][0]


def test_client_without_email_blocks_only_its_notice(incident: Incident, officer: Any) -> None:
    from tests.factories import ClientFactory

    other = ClientFactory(name="乙公司")
    incident.affected_clients.add(other)
    with pytest.raises(ValidationError, match="乙公司"):
        notices.prepare_client_notice(actor=officer, incident=incident, client=other)


def test_subject_notice_drafts(incident: Incident, officer: Any) -> None:
    subject, body = notices.subject_draft(incident, "email")
    saved = notices.save_subject_notice(
        actor=officer, incident=incident, channel="email", subject=subject, body=body
    )
    assert saved.pk
    assert "個人資料" in saved.body
    with pytest.raises(ValidationError):
        notices.save_subject_notice(actor=officer, incident=incident, channel="fax", body="x")


def test_evidence_chain_of_custody(incident: Incident, officer: Any) -> None:
    from shouhu.incidents import services

    link = services.attach_evidence(
        actor=officer, incident=incident, file=b"firewall log\n", filename="fw.log", category="log"
    )
    assert link.evidence.locked
    assert link.evidence.context == f"incidents.incident:{incident.pk}"
    from shouhu.evidence.services import open_for_read

    open_for_read(actor=officer, evidence=link.evidence).close()
    assert EvidenceAccess.objects.filter(evidence=link.evidence, action="download", user=officer).exists()
