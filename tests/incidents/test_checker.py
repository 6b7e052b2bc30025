"""The data-subject notice checker (structured facts, each miss explained) and SMS segment counting."""

from __future__ import annotations

import dataclasses

import pytest

from shouhu.incidents.checker import Check, NoticeFacts, check, contact_kind, passes, sms_length

GOOD = NoticeFacts(
    channel="sms",
    body=(
        "【甲電商】通知：我們於11/20發現，您的姓名、電話等個人資料外洩。我們已採取之措施：封鎖攻擊來源並修補漏洞。"
        "請提防詐騙。查詢專線：0800-123-456"
    ),
    kinds=("leak",),
    data_items="姓名、電話",
    measures="封鎖攻擊來源並修補漏洞",
    hotline="0800-123-456",
    signer="甲電商",
    required_signer="甲電商",
)


def _failed(checks: list[Check]) -> set[str]:
    return {c.label for c in checks if not c.ok}


def _message(checks: list[Check], label: str) -> str:
    return next(c.message for c in checks if c.label == label)


def test_complete_notice_passes() -> None:
    checks = check(GOOD)
    assert passes(checks)
    assert _failed(checks) == set()


def test_anti_fraud_text_without_recorded_facts_fails_every_element() -> None:
    facts = NoticeFacts(
        channel="sms",
        body="【甲電商】提醒您：近期詐騙猖獗，請勿依來電指示操作ATM，如有疑問請撥165反詐騙專線。",
        signer="甲電商",
        required_signer="甲電商",
    )
    checks = check(facts)
    assert not passes(checks)
    assert _failed(checks) == {"個人資料被侵害之事實", "已採取之因應措施", "查詢專線或管道", "僅防詐騙宣導"}
    assert "未記載侵害種類" in _message(checks, "個人資料被侵害之事實")
    assert "未記載受侵害之個人資料項目" in _message(checks, "個人資料被侵害之事實")
    warning = next(c for c in checks if c.label == "僅防詐騙宣導")
    assert warning.severity == "warning"
    assert "第12條" in warning.message


def test_recorded_fact_missing_from_the_text_is_explained() -> None:
    facts = dataclasses.replace(GOOD, body=GOOD.body.replace("姓名、電話等個人資料外洩", "資料可能有風險"))
    checks = check(facts)
    message = _message(checks, "個人資料被侵害之事實")
    assert "通知內容未說明個人資料遭洩漏" in message
    assert "通知內容未載明受侵害之個人資料項目「姓名、電話」" in message


def test_misdirected_mail_must_be_stated_as_such() -> None:
    facts = dataclasses.replace(GOOD, kinds=("misdirected",))
    assert "遭誤寄" in _message(check(facts), "個人資料被侵害之事實")
    body = GOOD.body.replace("個人資料外洩", "個人資料因誤寄而遭非收件人取得")
    assert passes(check(dataclasses.replace(facts, body=body)))


def test_measures_are_checked_from_the_record() -> None:
    assert "未記載已採取之因應措施" in _message(
        check(dataclasses.replace(GOOD, measures="")), "已採取之因應措施"
    )
    edited = dataclasses.replace(GOOD, body=GOOD.body.replace("封鎖攻擊來源並修補漏洞", "處理中"))
    assert "通知內容未包含所記載之已採取因應措施" in _message(check(edited), "已採取之因應措施")


@pytest.mark.parametrize(
    ("hotline", "kind"),
    [
        ("0800-123-456", "phone"),
        ("(02)2345-6789", "phone"),
        ("02-2345-6789#123", "phone"),
        ("0912-345-678", "phone"),
        ("+886 2 2345 6789", "phone"),
        ("service@example.com.tw", "email"),
        ("https://example.com.tw/notice", "url"),
        ("165", None),
        ("請洽客服", None),
        ("", None),
    ],
)
def test_contact_line_kinds(hotline: str, kind: str | None) -> None:
    assert contact_kind(hotline) == kind


def test_police_line_is_not_a_line_for_enquiries() -> None:
    checks = check(dataclasses.replace(GOOD, hotline="165", body=GOOD.body + " 165"))
    assert "不是可撥打之電話號碼" in _message(checks, "查詢專線或管道")


def test_processor_may_not_sign_for_the_client() -> None:
    facts = dataclasses.replace(GOOD, signer="守護資訊", body=GOOD.body.replace("甲電商", "守護資訊"))
    message = _message(check(facts), "通知義務人")
    assert "應由「甲電商」以其名義通知當事人" in message


def test_email_needs_subject() -> None:
    email = dataclasses.replace(GOOD, channel="email")
    assert "主旨" in _failed(check(email))
    assert passes(check(dataclasses.replace(email, subject="個資外洩通知")))


def test_sms_segments() -> None:
    assert sms_length("測" * 70).segments == 1
    assert sms_length("測" * 71).segments == 2  # 67 per part once concatenated
    assert sms_length("測" * 134).segments == 2
    assert sms_length("測" * 135).segments == 3
    assert sms_length("a" * 160).segments == 1
    assert sms_length("a" * 161).segments == 2
    assert sms_length("😀").units == 2
    assert sms_length(GOOD.body).encoding == "UCS-2"


BAD = NoticeFacts(channel="email", body="請提防詐騙電話。", kinds=("leak", "theft"), data_items="姓名", hotline="打給我們", signer="乙公司", required_signer="甲電商")  # fmt: skip


@pytest.mark.parametrize("facts", [GOOD, BAD, NoticeFacts(channel="email", body="", kinds=("bogus",))])
def test_every_check_is_explained_in_english_too(facts: NoticeFacts) -> None:
    """English pages show each check in English; only the notice's own data (names, items) stays Chinese."""
    import re

    data = {facts.data_items, facts.hotline, facts.signer, facts.required_signer} - {""}
    for c in check(facts):
        english = c.label_en + " " + c.message_en
        for value in data:
            english = english.replace(value, "")
        assert c.label_en, c.label
        assert c.message_en, c.label
        assert not re.search(r"[\u4e00-\u9fff]", english), english


def test_english_explains_the_missing_kind_and_the_required_signer() -> None:
    messages = {c.label_en: c.message_en for c in check(BAD)}

    assert messages["What happened to the personal data"].startswith(
        "the text does not say the data was leaked, stolen; the text does not name the data items “姓名”"
    )
    assert "“甲電商” must notify the data subjects in its own name" in messages["Who notifies"]
