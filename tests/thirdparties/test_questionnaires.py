"""Processor questionnaires: chosen catalogue items, an expiring one-time link, scoring, the check record."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from shouhu.thirdparties import questionnaires, services
from shouhu.thirdparties.models import SupervisionCheck

ITEMS = ["pd-1.1.1", "is-1.1.1", "pd-1.1.2"]


@pytest.fixture
def sub(officer: Any) -> Any:
    return services.save_subprocessor(
        actor=officer, data={"name": "乙雲端股份有限公司", "services": "主機代管"}
    )


@pytest.fixture
def questionnaire(officer: Any, sub: Any) -> Any:
    return questionnaires.create(actor=officer, subprocessor=sub, item_ids=ITEMS, days=7)


def _post(client: Client, q: Any, answers: dict[str, str], respondent: str = "王經理") -> Any:
    data = {"respondent": respondent, **{f"answer-{k}": v for k, v in answers.items()}}
    return client.post(reverse("thirdparties:questionnaire", args=[q.token]), data)


def test_the_items_are_kept_as_sent(questionnaire):
    assert [i["id"] for i in questionnaire.items] == ITEMS
    assert questionnaire.items[0]["number"] == "附錄一第 1.1.1 項"


def test_an_unknown_item_is_refused(officer, sub):
    with pytest.raises(ValidationError):
        questionnaires.create(actor=officer, subprocessor=sub, item_ids=["pd-99.9"])


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({"a": "yes", "b": "no", "c": "partial"}, Decimal("50.0")),
        ({"a": "yes", "b": "na", "c": "yes"}, Decimal("100.0")),
        ({"a": "na"}, None),
    ],
)
def test_partial_counts_half_and_not_applicable_is_left_out(answers, expected):
    assert questionnaires.score({k: {"answer": v} for k, v in answers.items()}) == expected


def test_answering_scores_and_records_the_processors_check(client, questionnaire, sub):
    response = _post(client, questionnaire, {"pd-1.1.1": "yes", "is-1.1.1": "partial", "pd-1.1.2": "no"})
    questionnaire.refresh_from_db()
    assert response.status_code == 200
    assert questionnaire.score == Decimal("50.0")
    check = SupervisionCheck.objects.get(subprocessor=sub)
    assert check.method == "questionnaire"
    assert "附錄二第 1.1.1 項" in check.issues


def test_the_link_works_once(client, questionnaire):
    _post(client, questionnaire, dict.fromkeys(ITEMS, "yes"))
    assert client.get(reverse("thirdparties:questionnaire", args=[questionnaire.token])).status_code == 404


def test_an_expired_link_is_not_found(client, questionnaire):
    questionnaire.expires_at = timezone.now() - dt.timedelta(minutes=1)
    questionnaire.save(update_fields=["expires_at"])
    assert client.get(reverse("thirdparties:questionnaire", args=[questionnaire.token])).status_code == 404


def test_an_unanswered_item_keeps_the_form_open(client, questionnaire):
    response = _post(client, questionnaire, {"pd-1.1.1": "yes"})
    questionnaire.refresh_from_db()
    assert "尚有 2 題未作答" in response.content.decode()
    assert questionnaire.submitted_at is None


def test_the_respondent_page_shows_no_other_processors_data(client, officer, questionnaire):
    other = services.save_subprocessor(actor=officer, data={"name": "丙備份機密公司", "services": "備份"})
    questionnaires.create(actor=officer, subprocessor=other, item_ids=["pd-1.1.1"])
    page = client.get(reverse("thirdparties:questionnaire", args=[questionnaire.token])).content.decode()
    assert "乙雲端股份有限公司" in page
    assert "丙備份機密公司" not in page


def test_the_external_page_refuses_a_flood_of_submissions(client, questionnaire):
    # given a respondent (or a script) sending incomplete answers again and again from one address
    for _ in range(questionnaires.LIMIT.per_source):
        assert _post(client, questionnaire, {}).status_code == 200  # refused answers count too
    # when one more arrives within the hour
    response = _post(client, questionnaire, dict.fromkeys(ITEMS, "yes"))
    # then it is refused with 429 and nothing is kept
    assert response.status_code == 429
    questionnaire.refresh_from_db()
    assert questionnaire.submitted_at is None


def test_the_limit_is_per_address(client, questionnaire):
    for _ in range(questionnaires.LIMIT.per_source):
        _post(client, questionnaire, {})
    other = Client(REMOTE_ADDR="192.0.2.44")
    assert _post(other, questionnaire, dict.fromkeys(ITEMS, "yes")).status_code == 200
    questionnaire.refresh_from_db()
    assert questionnaire.submitted_at is not None


def test_old_counters_are_pruned_by_the_daily_job(client, questionnaire, officer):
    from shouhu.core.models import PublicAttempt
    from shouhu.jobs.builtin import prune_public_attempts

    _post(client, questionnaire, {})
    PublicAttempt.objects.update(at=timezone.now() - dt.timedelta(days=3))
    _post(client, questionnaire, {})
    assert prune_public_attempts(None, lambda *a: None) == {"deleted": 1}  # type: ignore[arg-type]
    assert PublicAttempt.objects.count() == 1
