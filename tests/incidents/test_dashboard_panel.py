"""The dashboard lists each incident clock once, and says whose duty it is (本公司 / 委託者)."""

from __future__ import annotations

from typing import Any

from shouhu.incidents import clocks, selectors, services
from shouhu.incidents.panels import dashboard_deadlines
from tests.factories import ClientFactory


def test_a_clock_owed_for_several_clients_is_one_line_naming_them(
    officer: Any, company: Any, client_a: Any, chief: Any, facts: dict[str, Any]
) -> None:
    client_b = ClientFactory(name="乙電商股份有限公司", industry_code=client_a.industry_code)
    services.report_incident(actor=officer, data=facts, clients=[client_a, client_b])
    rows = list(selectors.open_deadlines().select_related("client").order_by("due_at", "id"))

    lines = dashboard_deadlines(rows, status=clocks.status, limit=50)

    keys = [(ln.row.incident_id, ln.row.title_zh, ln.row.due_at, ln.ours) for ln in lines]
    assert len(keys) == len(set(keys))
    shared = [ln for ln in lines if len(ln.clients) == 2]
    assert shared, "the sector rule that both clients share is expected to give one line for both"
    assert sorted(shared[0].clients) == sorted([client_a.name, client_b.name])


def test_each_dashboard_line_says_whose_duty_it_is(incident: Any, officer: Any, login_as: Any) -> None:
    page = login_as(officer).get("/").content.decode()

    assert "本公司之義務" in page
