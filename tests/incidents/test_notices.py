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
    from django.utils import translation

    with translation.override("en"), pytest.raises(ValidationError) as sent:
        notices.send_client_notice(actor=officer, notice=notice)
    assert sent.value.messages == ["This notice has already been sent"]


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


def test_subject_notice_drafted_from_the_facts_and_signed_by_the_client(
    incident: Incident, officer: Any, client_a: Any
) -> None:
    from shouhu.incidents import services

    incident = services.update_incident(actor=officer, incident=incident, data={"data_items": "姓名、電話"})
    draft = notices.subject_draft(incident, "sms", client_a)
    assert draft.signer == "甲電商股份有限公司"
    assert draft.kinds == ("leak",)  # 竊取 is ticked for 表2 only; the subject is told of the leak
    assert "您的姓名、電話等個人資料外洩" in draft.body
    assert incident.measures_taken.strip() in draft.body
    saved = notices.save_subject_notice(
        actor=officer,
        incident=incident,
        channel="sms",
        client=client_a,
        kinds=draft.kinds,
        data_items=draft.data_items,
        measures=draft.measures,
        hotline="0800-123-456",
    )
    assert saved.body.startswith("【甲電商股份有限公司】通知")
    assert "查詢專線：0800-123-456" in saved.body
    assert notices.check_subject_notice(saved)
    assert all(c.ok for c in notices.check_subject_notice(saved))


def test_own_data_is_notified_by_the_company(incident: Incident, officer: Any) -> None:
    saved = notices.save_subject_notice(
        actor=officer,
        incident=incident,
        channel="email",
        kinds=["alteration"],
        data_items="會員地址",
        measures="已還原遭竄改之資料",
        hotline="service@example.com",
    )
    assert saved.signer == "守護資訊股份有限公司"
    assert "您的會員地址等個人資料遭竄改" in saved.body
    assert saved.subject == "守護資訊股份有限公司個人資料事故通知"
    assert all(c.ok for c in notices.check_subject_notice(saved))


def test_unknown_channel_or_kind_refused(incident: Incident, officer: Any) -> None:
    common = {"data_items": "姓名", "measures": "x", "hotline": "0800-123-456"}
    with pytest.raises(ValidationError):
        notices.save_subject_notice(actor=officer, incident=incident, channel="fax", kinds=["leak"], **common)
    with pytest.raises(ValidationError, match="未知的侵害種類"):
        notices.save_subject_notice(actor=officer, incident=incident, channel="sms", kinds=["hack"], **common)


def test_incomplete_notice_cannot_be_marked_sent(incident: Incident, officer: Any) -> None:
    saved = notices.save_subject_notice(
        actor=officer,
        incident=incident,
        channel="sms",
        kinds=["leak"],
        data_items="姓名",
        measures="已封鎖來源",
        hotline="",
    )
    with pytest.raises(ValidationError, match="查詢"):
        notices.mark_subject_notice_sent(actor=officer, notice=saved)
    saved.refresh_from_db()
    assert saved.sent_at is None


def test_sent_notice_is_kept_as_evidence_and_frozen(incident: Incident, officer: Any, client_a: Any) -> None:
    from shouhu.evidence.services import read_bytes_internal

    saved = notices.save_subject_notice(
        actor=officer,
        incident=incident,
        channel="sms",
        client=client_a,
        kinds=["leak"],
        data_items="姓名、電話",
        measures="已封鎖來源",
        hotline="0800-123-456",
    )
    notices.mark_subject_notice_sent(actor=officer, notice=saved, recipients=1200)
    saved.refresh_from_db()
    assert saved.sent_at is not None
    assert saved.recipients == 1200
    link = incident.evidence_links.get(category="subject_notice")
    text = read_bytes_internal(link.evidence).decode()
    assert "通知之業者：甲電商股份有限公司" in text
    assert "通知人數：1200" in text
    assert saved.body in text
    assert incident.timeline.filter(
        text__contains="以簡訊通知當事人（署名：甲電商股份有限公司，1,200 人）"
    ).exists()
    with pytest.raises(ValidationError, match="已寄出"):
        notices.save_subject_notice(
            actor=officer,
            incident=incident,
            notice=saved,
            channel="sms",
            kinds=["leak"],
            data_items="x",
            measures="x",
            hotline="0800-123-456",
        )


def test_client_letter_states_the_kind_and_data(incident: Incident, officer: Any, client_a: Any) -> None:
    from shouhu.incidents import services

    incident = services.update_incident(
        actor=officer, incident=incident, data={"kinds": ["misdirected"], "data_items": "訂單明細"}
    )
    body = notices.draft_body(incident, client_a)
    assert "貴公司委託本公司處理之訂單明細等個人資料因誤寄而遭非收件人取得" in body
    assert "通知應以 貴公司名義發出" in body


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


def test_a_notice_saved_again_as_a_browser_sends_it_is_unchanged(incident: Incident, officer: Any) -> None:
    """Browsers send a textarea's lines as CRLF; the stored text keeps LF, so an unchanged save changes nothing."""
    facts = {
        "channel": "email",
        "kinds": ["leak"],
        "data_items": "姓名",
        "measures": "封鎖來源\n更換密碼",
        "hotline": "02-2700-0000",
    }
    saved = notices.save_subject_notice(actor=officer, incident=incident, **facts)
    body = saved.body
    assert "\r" not in body
    again = notices.save_subject_notice(
        actor=officer,
        incident=incident,
        notice=saved,
        **{**facts, "measures": "封鎖來源\r\n更換密碼"},
        subject=saved.subject,
        body=body.replace("\n", "\r\n") + "\r\n",
    )
    assert (again.body, again.measures) == (body, "封鎖來源\n更換密碼")


@pytest.mark.parametrize("page", ["incidents:client_notice", "incidents:subject_notice"])
def test_english_notice_page_keeps_the_notice_in_chinese_marked_as_official(
    incident: Incident, officer: Any, client_a: Any, login_as: Any, page: str
) -> None:
    """Issue 12: the page around the draft is English; the draft is the official zh-TW text, marked as such."""
    import re
    from html import unescape

    from django.conf import settings
    from django.urls import reverse

    args = [incident.pk, client_a.pk] if page == "incidents:client_notice" else [incident.pk]
    c = login_as(officer)
    c.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    html = c.get(reverse(page, args=args)).content.decode()
    body = re.search(r'<textarea\b([^>]*name="body"[^>]*)>(.*?)</textarea>', html, flags=re.S)

    assert body is not None
    assert 'lang="zh-Hant"' in body[1]
    assert 'data-official="notice"' in body[1]
    assert unescape(body[2]).strip() in notices.official_texts(incident)
    assert "The notice is an official document and is sent in Chinese" in html
    assert "通知內容為正式文件" not in html


def test_english_subject_notice_checks_read_in_english(
    incident: Incident, officer: Any, login_as: Any
) -> None:
    from django.conf import settings
    from django.urls import reverse

    notice = notices.save_subject_notice(
        actor=officer, incident=incident, notice=None, channel="sms", client=None, kinds=["leak"],
        data_items="姓名", measures="", hotline="", subject="", body="",
    )  # fmt: skip
    c = login_as(officer)
    c.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    html = c.get(reverse("incidents:subject_notice_edit", args=[incident.pk, notice.pk])).content.decode()

    assert "What happened to the personal data" in html
    assert "No measures taken recorded (Enforcement Rules Art. 22(2))" in html
    assert "未記載已採取之因應措施" not in html
