"""The data-subject notice checker and SMS segment counting."""

from __future__ import annotations

from shouhu.incidents.checker import check_notice, passes, sms_length

GOOD = (
    "【甲電商】通知：本公司系統遭駭客入侵，您的姓名、電話等個人資料已外洩。我們已封鎖攻擊來源並修補漏洞，"
    "請提防詐騙。查詢專線：0800-123-456"
)
ANTI_FRAUD_ONLY = "【甲電商】提醒您：近期詐騙猖獗，請勿依來電指示操作ATM，如有疑問請撥165反詐騙專線。"


def _failed(checks: list) -> set[str]:
    return {c.label for c in checks if not c.ok}


def test_good_draft_passes() -> None:
    checks = check_notice(GOOD)
    assert passes(checks)
    assert _failed(checks) == set()


def test_anti_fraud_only_is_flagged() -> None:
    checks = check_notice(ANTI_FRAUD_ONLY)
    assert not passes(checks)
    # 165 is the police anti-fraud line, not a line of the company for enquiries
    assert _failed(checks) == {"個人資料被侵害之事實", "已採取之因應措施", "查詢專線或管道", "僅防詐騙宣導"}
    warning = next(c for c in checks if c.label == "僅防詐騙宣導")
    assert warning.severity == "warning"
    assert "第12條" in warning.message


def test_missing_contact_line() -> None:
    checks = check_notice("您的個人資料遭竊取，我們已修補漏洞。")
    assert _failed(checks) == {"查詢專線或管道"}


def test_email_needs_subject() -> None:
    assert "主旨" in _failed(check_notice(GOOD, channel="email"))
    assert passes(check_notice(GOOD, channel="email", subject="個資外洩通知"))


def test_sms_segments() -> None:
    assert sms_length("測" * 70).segments == 1
    assert sms_length("測" * 71).segments == 2  # 67 per part once concatenated
    assert sms_length("測" * 134).segments == 2
    assert sms_length("測" * 135).segments == 3
    assert sms_length("a" * 160).segments == 1
    assert sms_length("a" * 161).segments == 2
    assert sms_length("😀").units == 2
    assert sms_length(GOOD).encoding == "UCS-2"
