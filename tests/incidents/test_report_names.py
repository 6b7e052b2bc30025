"""A 表 2 report's name and stage read in the reader's language on pages; 表 2 itself keeps the official words."""

import pytest
from django.utils import translation

from shouhu.incidents.models import AuthorityReport

pytestmark = pytest.mark.django_db


def _report(sequence: int) -> AuthorityReport:
    return AuthorityReport(incident_id=7, sequence=sequence)


@pytest.mark.parametrize(
    ("sequence", "zh", "en"),
    [(1, "INC-7 初報", "INC-7 first report"), (3, "INC-7 續報（第2次）", "INC-7 follow-up report no. 2")],
)
def test_a_report_is_named_in_the_readers_language_and_stored_in_zh(sequence: int, zh: str, en: str) -> None:
    report = _report(sequence)
    with translation.override("en"):
        assert str(report) == en
        assert report.stage_zh in zh  # the form's own words stay in Chinese
    with translation.override("zh-hant"):
        assert str(report) == zh
    assert report.name_message().text == zh  # what the audit log stores beside the key


def test_a_subject_notice_is_named_by_its_channel_in_words_not_its_code() -> None:
    from shouhu.incidents.models import SubjectNotice

    notice = SubjectNotice(incident_id=7, channel="sms")
    with translation.override("zh-hant"):
        assert str(notice) == "INC-7 當事人通知（簡訊）"
    with translation.override("en"):
        assert str(notice) == "INC-7 notice to data subjects (SMS)"


def test_a_custom_purpose_reads_custom_in_english_and_a_coded_one_keeps_its_official_name() -> None:
    from shouhu.inventory.models import Purpose, RefStatus

    custom = Purpose(code=None, name="會員活動通知")
    coded = Purpose(code="040", name="行銷")
    with translation.override("en"):
        assert str(custom) == "Custom: 會員活動通知"
        assert str(coded) == "040 行銷"
        assert str(Purpose(code="999", status=RefStatus.MISSING)) == "999 (not yet listed)"
    with translation.override("zh-hant"):
        assert str(custom) == "自訂：會員活動通知"
    assert custom.name_message().text == "自訂：會員活動通知"
