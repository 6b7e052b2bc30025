"""Sub-processors: the six Art. 8 contract items (unknown until checked), the yearly check that completes
the calendar's processor audit, pages and API."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from shouhu.thirdparties import selectors, services


def _sub(officer: Any, **extra: Any) -> Any:
    return services.save_subprocessor(
        actor=officer,
        data={"name": "乙雲端股份有限公司", "services": "主機代管", "countries": "臺灣", **extra},
    )


def test_every_article_8_item_starts_unknown(officer):
    rows = selectors.contract_rows(_sub(officer))
    assert [r["key"] for r in rows] == ["scope", "measures", "subcontract", "breach", "reserved", "return"]
    assert all(r["item"] is None for r in rows)


def test_an_agreed_item_needs_its_clause(officer):
    sub = _sub(officer)
    with pytest.raises(ValidationError):
        services.set_contract_item(actor=officer, subprocessor=sub, key="return", agreed=True)
    item = services.set_contract_item(
        actor=officer, subprocessor=sub, key="return", agreed=True, clause="第12條"
    )
    assert (item.agreed, item.clause) == (True, "第12條")


def test_a_contract_ending_before_it_was_signed_is_refused(officer):
    with pytest.raises(ValidationError):
        _sub(officer, contract_signed_on=dt.date(2025, 5, 1), contract_ends_on=dt.date(2025, 1, 1))


def test_checking_every_active_processor_completes_the_yearly_audit(officer):
    from shouhu.law import services as law
    from shouhu.law.models import Obligation

    law.sync_calendar(actor=officer)
    first, second = _sub(officer), _sub(officer, name="丙備份股份有限公司")
    today = timezone.localdate()
    services.record_supervision(
        actor=officer, subprocessor=first, checked_on=today, method="document", result="符合"
    )
    assert Obligation.objects.get(key="processor-audit").last_done_on is None
    services.record_supervision(
        actor=officer, subprocessor=second, checked_on=today, method="onsite", result="符合"
    )
    assert Obligation.objects.get(key="processor-audit").last_done_on == today
    assert not selectors.supervision_overdue().exists()


def test_the_page_updates_an_item_and_the_api_reports_it(login_as, officer):
    sub = _sub(officer)
    web = login_as(officer)
    web.post(
        reverse("thirdparties:subprocessor", args=[sub.pk]),
        {"form": "item", "key": "breach", "agreed": "false", "clause": ""},
    )
    body = web.get(f"/api/v1/thirdparties/subprocessors/{sub.pk}").json()
    states = {row["key"]: row["agreed"] for row in body["contract_items"]}
    assert states["breach"] is False
    assert states["scope"] is None
