"""What the system writes on an incident (timeline entries, the seeded task list) reads in the reader's
language, whichever language the request that wrote it was in; old entries still show as written."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.conf import settings
from django.utils import timezone, translation

from shouhu.incidents import services
from shouhu.incidents.models import Incident, TimelineEntry

HAN = re.compile(r"[\u3400-\u9fff]")
NAMES = ("甲電商股份有限公司", "會員資料外洩", "僅3筆，已全數收回")  # the data's own words, not system text


def _page(client: Any, incident: Incident, language: str) -> str:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client.get(f"/incidents/{incident.pk}/").content.decode()


def _timeline(html: str) -> list[str]:
    block = re.search(r'<ol class="timeline" data-testid="timeline">(.*?)</ol>', html, re.S)
    assert block
    items = re.findall(r"<li>(.*?)</li>", block.group(1), re.S)
    # each item: <strong>time</strong> the entry <span class="muted">who</span>
    return [re.sub(r"<strong>.*?</strong>|<span class=\"muted\">.*?</span>", "", i).strip() for i in items]


def _without_names(text: str) -> str:
    for name in NAMES:
        text = text.replace(name, "")
    return text


def _work(incident: Incident, officer: Any, now: dt.datetime) -> None:
    """A day's system entries: a task done, a fact decided, facts updated, the incident closed."""
    services.set_task_done(actor=officer, task=incident.tasks.first(), done=True)
    services.decide_fact(
        actor=officer, incident=incident, fact="serious", value=False, reason="僅3筆，已全數收回"
    )
    services.update_incident(actor=officer, incident=incident, data={"handling_ended_at": now})
    services.transition(actor=officer, incident=incident, to="closed")


@pytest.mark.django_db
def test_entries_written_in_a_zh_request_read_english_on_an_english_page(
    incident: Incident, officer: Any, login_as: Any, now: dt.datetime
) -> None:
    with translation.override("zh-hant"):
        _work(incident, officer, now)
    entries = _timeline(_page(login_as(officer), incident, "en"))
    assert "Incident reported" in entries
    assert "Status changed: Open → Handling ended" in entries
    assert (
        "Task done: Report to the competent authority (Form 2, personal data breach report and record; if late, "
        "attach the reason for the delay or provide it in stages)"
    ) in entries
    assert [e for e in entries if HAN.search(_without_names(e))] == []


@pytest.mark.django_db
def test_entries_written_in_an_english_request_are_stored_and_read_in_zh(
    incident: Incident, officer: Any, login_as: Any, now: dt.datetime
) -> None:
    with translation.override("en"):
        _work(incident, officer, now)
    stored = list(incident.timeline.values_list("text", flat=True))
    assert "狀態變更：處理中 → 處理結束" in stored
    entries = _timeline(_page(login_as(officer), incident, "zh-hant"))
    assert entries[-1].startswith("狀態變更：處理中 → 處理結束")
    assert [e for e in entries if re.search(r"[A-Za-z]{4,}", _without_names(e))] == []


@pytest.mark.django_db
def test_an_entry_without_a_key_shows_as_it_was_written(
    incident: Incident, officer: Any, login_as: Any
) -> None:
    # given an entry from before entries had keys, and one whose key is no longer known
    TimelineEntry.objects.create(incident=incident, at=timezone.now(), text="舊版系統紀錄", automatic=True)
    TimelineEntry.objects.create(
        incident=incident, at=timezone.now(), text="已改名的紀錄", automatic=True,
        message_key="incidents.renamed_long_ago", message_facts={"x": 1},
    )  # fmt: skip
    entries = _timeline(_page(login_as(officer), incident, "en"))
    assert "舊版系統紀錄" in entries[-2]
    assert "已改名的紀錄" in entries[-1]


@pytest.mark.django_db
def test_seeded_tasks_read_english_with_the_guidelines_wording_marked_official(
    incident: Incident, officer: Any, login_as: Any
) -> None:
    c = login_as(officer)
    english = _page(c, incident, "en")
    assert "Contain: restrict access from foreign IP addresses" in english
    assert '<span lang="zh-Hant" data-official="guideline">止血：限制國外 IP 存取</span>' in english
    assert 'data-testid="unofficial"' in english
    chinese = _page(c, incident, "zh-hant")
    assert "止血：限制國外 IP 存取" in chinese
    assert "Contain:" not in chinese
    assert 'data-official="guideline"' not in chinese
