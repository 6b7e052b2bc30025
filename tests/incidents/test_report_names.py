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
