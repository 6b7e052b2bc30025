"""Request cases: deadline from the law engine, extension once, refusal grounds, fees, Art. 11 task,
marketing opt-out, forwarding to the controlling client."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from docx import Document

from shouhu.audit.models import AuditEvent
from shouhu.engines.law.inputs import RequestFacts, RequestKind
from shouhu.evidence.services import read_bytes_internal
from shouhu.law import services as law
from shouhu.requests import selectors, services
from shouhu.requests.models import RecipientNotice, State, Suppression


def _text(evidence: Any) -> str:
    doc = Document(io.BytesIO(read_bytes_internal(evidence)))
    return "\n".join(p.text for p in doc.paragraphs)


def test_due_date_and_extension_are_the_law_engines(open_case, received):
    case = open_case("copy")
    expected = law.compute_request_report(request=RequestFacts(kind=RequestKind.COPY, received_at=received))
    deadline = expected.deadlines[0]
    assert (case.due_at, case.max_extended_due_at, case.rule_id) == (
        deadline.due_at,
        deadline.extended_due_at,
        deadline.rule_id,
    )
    assert case.legal_basis_zh == deadline.legal_basis_zh


def test_a_client_case_takes_the_deadline_computed_for_that_client(open_case, client_a):
    case = open_case("delete", client=client_a)
    assert case.rule_id == "pdpa-art13-correction"
    assert case.due_at is not None


def test_opening_is_refused_without_permission(auditor, received):
    with pytest.raises(PermissionDenied):
        services.open_request(
            actor=auditor,
            kind="copy",
            received_at=received,
            channel="email",
            requester_name="林小姐",
            requester_email="lin@example.com",
        )


def test_a_received_time_in_the_future_is_refused(open_case, received):
    with pytest.raises(ValidationError) as exc:
        open_case(received_at=received + dt.timedelta(days=2))
    assert "received_at" in exc.value.message_dict


def test_opening_audits_without_the_requesters_contact(open_case):
    case = open_case()
    event = AuditEvent.objects.get(action="requests.opened", object_id=str(case.pk))
    assert event.changes["requester_email"] == [None, "***"]
    assert "lin@example.com" not in str(event.changes)


def test_extension_once_with_reason_produces_the_written_notice(open_case, officer):
    case = open_case("copy")
    notice = services.extend(actor=officer, request=case, reason="資料分散於三個系統，需調閱備份")
    case.refresh_from_db()
    assert case.extended_at is not None
    assert case.current_due_at == case.max_extended_due_at
    text = _text(notice)
    assert "延長處理期限通知書" in text
    assert "資料分散於三個系統，需調閱備份" in text
    assert notice.locked


def test_a_second_extension_is_refused(open_case, officer):
    case = open_case("copy")
    services.extend(actor=officer, request=case, reason="需調閱備份")
    with pytest.raises(ValidationError, match="僅得延長一次"):
        services.extend(actor=officer, request=case, reason="仍在調閱")


def test_extension_needs_a_reason(open_case, officer):
    with pytest.raises(ValidationError):
        services.extend(actor=officer, request=open_case("copy"), reason="  ")


def test_refusal_with_a_statutory_ground_produces_the_letter(open_case, officer):
    case = services.refuse(
        actor=officer, request=open_case("query_or_read"), ground="art10_3", reason="涉及第三人之營業秘密"
    )
    assert case.state == State.REFUSED
    text = _text(case.refusal_letter)
    assert "妨害該蒐集機關或第三人之重大利益" in text
    assert "涉及第三人之營業秘密" in text


def test_a_ground_that_does_not_answer_the_request_type_is_refused(open_case, officer):
    with pytest.raises(ValidationError) as exc:
        services.refuse(actor=officer, request=open_case("delete"), ground="art10_1")
    assert "refusal_ground" in exc.value.message_dict


def test_a_fee_is_recorded_only_for_access_or_copy(open_case, officer):
    copy = services.record_fee(actor=officer, request=open_case("copy"), amount=50, note="影印費")
    assert copy.fee_amount == 50
    with pytest.raises(ValidationError):
        services.record_fee(actor=officer, request=open_case("delete"), amount=50)


def test_grant_needs_the_identity_verified(open_case, officer):
    with pytest.raises(ValidationError, match="身分驗證"):
        services.grant(actor=officer, request=open_case())


def test_granting_a_correction_opens_the_article_11_notice_task(open_case, officer):
    case = open_case("supplement_or_correct", explanation="地址已於去年變更，附戶籍謄本")
    services.verify_identity(actor=officer, request=case, method="document", note="身分證正本，末四碼相符")
    services.grant(actor=officer, request=case, note="已更正地址", recipients="物流商乙公司")
    notice = RecipientNotice.objects.get(request=case)
    assert notice.recipients == "物流商乙公司"
    assert "第11條" in notice.legal_basis_zh
    assert notice.done_at is None
    services.complete_recipient_notice(actor=officer, notice=notice, note="已以電子郵件通知乙公司")
    notice.refresh_from_db()
    assert notice.done_at is not None


def test_granting_a_copy_opens_no_article_11_task(open_case, officer):
    case = open_case("copy")
    services.verify_identity(actor=officer, request=case, method="account", note="會員帳號登入")
    services.grant(actor=officer, request=case)
    assert not RecipientNotice.objects.filter(request=case).exists()


def test_a_closed_case_refuses_another_decision(open_case, officer):
    case = services.refuse(actor=officer, request=open_case(), ground="no_data")
    with pytest.raises(ValidationError, match="不可改為"):
        services.withdraw(actor=officer, request=case, note="撤回")


def test_marketing_opt_out_takes_effect_at_once_and_feeds_the_suppression_list(open_case):
    case = open_case(
        "marketing_refusal", requester_email="Lin@Example.com", requester_phone="+886 912-345-678"
    )
    assert case.state == State.GRANTED
    assert case.decided_at is not None
    values = sorted(Suppression.objects.values_list("kind", "value"))
    assert values == [("email", "lin@example.com"), ("phone", "0912345678")]
    assert selectors.is_suppressed(kind="phone", value="0912-345-678") is not None
    assert selectors.is_suppressed(kind="email", value="other@example.com") is None


def test_a_clients_opt_out_does_not_suppress_our_own_marketing(open_case, client_a):
    open_case("marketing_refusal", client=client_a)
    assert selectors.is_suppressed(kind="email", value="lin@example.com", client_id=client_a.pk) is not None
    assert selectors.is_suppressed(kind="email", value="lin@example.com") is None


def test_marketing_opt_out_needs_an_address_or_number(open_case):
    with pytest.raises(ValidationError):
        open_case("marketing_refusal", requester_email="", requester_address="臺北市")


def test_forwarding_e_mails_the_client_with_the_document(open_case, officer, client_a):
    case = open_case("delete", client=client_a)
    forward = services.forward_to_client(actor=officer, request=case, method="email")
    case.refresh_from_db()
    assert case.state == State.FORWARDED
    assert forward.recipients == "privacy@a.example.com"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["privacy@a.example.com"]
    assert mail.outbox[0].attachments[0][0].endswith(".docx")
    assert "不代 貴公司答覆當事人" in mail.outbox[0].body


def test_the_vendor_does_not_answer_for_the_client(open_case, officer, client_a):
    case = open_case("copy", client=client_a)
    with pytest.raises(ValidationError, match="委託者決定"):
        services.extend(actor=officer, request=case, reason="需時間")
    with pytest.raises(ValidationError, match="委託者之指示"):
        services.refuse(actor=officer, request=case, ground="no_data")


def test_a_client_case_closes_on_the_logged_instruction_without_a_letter(open_case, officer, client_a):
    case = open_case("delete", client=client_a)
    services.forward_to_client(actor=officer, request=case, method="download")
    services.log_instruction(actor=officer, request=case, text="請於三日內刪除該會員資料並回報")
    case = services.grant(actor=officer, request=case, note="已依指示刪除")
    assert case.state == State.GRANTED
    assert case.refusal_letter is None
    assert case.instructions.count() == 1


def test_forwarding_needs_a_client(open_case, officer):
    with pytest.raises(ValidationError):
        services.forward_to_client(actor=officer, request=open_case(), method="download")


def test_refusals_read_in_english_on_an_english_page(open_case, officer):
    from django.utils import translation

    with translation.override("en"):
        with pytest.raises(ValidationError) as fee:
            services.record_fee(actor=officer, request=open_case("delete"), amount=50)
        with pytest.raises(ValidationError) as grant:
            services.grant(actor=officer, request=open_case())
        with pytest.raises(ValidationError) as ground:
            services.refuse(actor=officer, request=open_case("delete"), ground="art10_1")
    assert fee.value.message_dict["fee_amount"] == [
        "Under PDPA Art. 14, a fee for necessary costs may be charged only for enquiries, reading or copies"
    ]
    assert grant.value.messages == ["Record the requester's identity check before granting"]
    assert ground.value.message_dict["refusal_ground"][0].startswith("“")
    assert "does not apply to requests of the kind “" in ground.value.message_dict["refusal_ground"][0]
