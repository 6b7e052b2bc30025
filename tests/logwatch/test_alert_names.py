"""An alert's name reads in the reader's language (its rule's title, then whom it is about)."""

from django.utils import translation

from shouhu.logwatch.models import Alert


def test_an_alert_is_named_by_its_rule_in_the_readers_language() -> None:
    alert = Alert(rule="after_hours", subject="amy")
    with translation.override("en"):
        assert str(alert) == "Access outside working hours: amy"
    with translation.override("zh-hant"):
        assert str(alert) == "非上班時間存取：amy"
    assert alert.name_message().text == "非上班時間存取：amy"  # the audit log's stored text
