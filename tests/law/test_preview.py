"""Deadline preview: page, API and CLI, including bad input."""

from __future__ import annotations

import json
from importlib import resources
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from shouhu.law import services
from tests.law.conftest import client_data, company_data

pytestmark = pytest.mark.django_db

EXAMPLE = json.loads(
    resources.files("shouhu.engines.law").joinpath("examples/incident.json").read_text("utf-8")
)


def test_api_preview_returns_every_deadline(auditor: Any, login_as: Any) -> None:
    response = login_as(auditor).post(
        "/api/v1/deadlines/preview", data=EXAMPLE, content_type="application/json"
    )
    assert response.status_code == 200
    due = {(d["rule_id"], d["party_id"]): d["due_at_taipei"] for d in response.json()["deadlines"]}
    assert due[("ncc-art4-initial", "telecom-a")] == "民國115年11月26日 11:00（臺北時間）"
    assert due[("cyber-snpa-report", "telecom-a")] == "民國115年11月26日 11:00（臺北時間）"
    assert due[("cram-art13-report", "cram-b")] == "民國115年11月29日 09:10（臺北時間）"
    assert due[("moda-art8-report", "self")] == "民國115年11月29日 10:00（臺北時間）"
    first = response.json()["deadlines"][0]
    assert first["due_at_taipei"].startswith("民國115年11月26日")
    assert {"recipient_zh", "legal_basis_zh", "law_version", "anchor_zh", "verified"} <= set(first)


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({"incident": {"discovered_at": "2026/13/45"}}, "無法辨識的日期格式"),
        (
            {"incident": {"discovered_at": "2026-11-26T10:00+08:00", "aware_at": "2026-11-26T09:00+08:00"}},
            "早於",
        ),
        ({"incident": {"discovered_at": "2026-11-26T10:00+08:00", "cyber": True, "level": 5}}, "1至4級"),
        (
            {"company": {"paid_in_capital": -1}, "incident": {"discovered_at": "2026-11-26"}},
            "實收資本額不可為負數",
        ),
        ({"incident": {"discovered_at": "2026-11-26"}, "surprise": 1}, "未知欄位"),
    ],
)
def test_api_preview_bad_input_is_422_in_zh_tw(
    auditor: Any, login_as: Any, payload: Any, message: str
) -> None:
    response = login_as(auditor).post(
        "/api/v1/deadlines/preview", data=payload, content_type="application/json"
    )
    assert response.status_code == 422
    assert message in response.json()["errors"]["__all__"][0]


def test_api_preview_refuses_a_list_item_that_is_not_an_object(auditor: Any, login_as: Any) -> None:
    response = login_as(auditor).post("/api/v1/deadlines/preview", data=[1], content_type="application/json")
    assert response.status_code == 422
    assert response.json()["errors"]["__all__"][0] == "第 1 筆：輸入須為 JSON 物件"


def test_api_preview_takes_several_cases_at_once(auditor: Any, login_as: Any) -> None:
    first_hour = {"company": {"industry_codes": ["6201"]}, "incident": {"aware_at": "2026-11-26T10:00+08:00"}}
    request = {"request": {"kind": "copy", "received_at": "2026-11-26T10:00+08:00"}}
    response = login_as(auditor).post(
        "/api/v1/deadlines/preview", data=[first_hour, request], content_type="application/json"
    )
    assert response.status_code == 200
    body = response.json()
    assert [item["index"] for item in body] == [0, 1]
    moda = next(d for d in body[0]["deadlines"] if d["rule_id"] == "moda-art8-report")
    assert (moda["due_at_taipei"], moda["pending_zh"]) == (
        "民國115年11月29日 10:00（臺北時間）",
        "待判斷：是否危及正常營運或大量當事人權益",
    )
    assert [d["last_day"] for d in body[1]["deadlines"]] == ["2026-12-11"]


def test_cli_preview_prints_json(tmp_path: Path) -> None:
    path = tmp_path / "incident.json"
    path.write_text(json.dumps(EXAMPLE, ensure_ascii=False), encoding="utf-8")
    out = StringIO()
    call_command("deadlines", "preview", "--json", str(path), stdout=out)
    result = json.loads(out.getvalue())
    assert result["deadlines"]
    assert all("due_at" in d and "pending" in d for d in result["deadlines"])
    assert result["warnings"] == []


def test_cli_preview_takes_a_list_and_reports_warnings(tmp_path: Path) -> None:
    path = tmp_path / "cases.json"
    cases = [EXAMPLE, {"request": {"kind": "copy", "received_at": "2040-01-01T10:00+08:00"}}]
    path.write_text(json.dumps(cases, ensure_ascii=False), encoding="utf-8")
    out = StringIO()
    call_command("deadlines", "preview", "--json", str(path), stdout=out)
    result = json.loads(out.getvalue())
    assert [len(item["deadlines"]) > 0 for item in result] == [True, True]
    assert [w["code"] for w in result[1]["warnings"]] == ["calendar_not_covered"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "JSON 格式錯誤（第 1 行第 2 欄）"),
        ("[]", "輸入清單不可為空"),
        ("3", "輸入須為 JSON 物件或物件清單"),
        ('{"incident": {"discovered_at": "昨天"}}', "無法辨識的日期格式：昨天"),
        (
            '{"incident": {"discovered_at": "2026-11-26", "level": 0, "cyber": true}}',
            "資通安全事件等級須為1至4級",
        ),
    ],
)
def test_cli_preview_bad_input_exits_non_zero(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        call_command("deadlines", "preview", "--json", str(path))


def test_cli_missing_file_is_a_clear_error() -> None:
    with pytest.raises(CommandError, match="無法讀取檔案"):
        call_command("deadlines", "preview", "--json", "/nonexistent/x.json")


def test_cli_has_help() -> None:
    from django.core.management import load_command_class

    command = load_command_class("shouhu.law", "deadlines")
    assert "法定期限" in command.help


def test_page_preview_uses_stored_facts(officer: Any, company: Any, client_row: Any, login_as: Any) -> None:
    services.save_company_facts(actor=officer, data=company_data())
    services.save_client_facts(actor=officer, client=client_row, data=client_data(ncc_categories=["telecom"]))
    response = login_as(officer).post(reverse("law:deadline_preview"), {
        "mode": "form", "discovered_at": "115/11/26 09:10", "aware_at": "115/11/26 10:00", "personal_data": "on",
        "serious": "yes", "clients": [str(client_row.pk)],
    })  # fmt: skip
    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="deadlines"' in page
    assert "甲電信股份有限公司" in page
    assert "民國115年11月26日 11:00（臺北時間）" in page  # NCC: 1 hour from 知悉


def test_page_preview_with_first_hour_facts_shows_pending_clocks(
    officer: Any, company: Any, client_row: Any, login_as: Any
) -> None:
    services.save_company_facts(actor=officer, data=company_data())
    response = login_as(officer).post(reverse("law:deadline_preview"), {
        "mode": "form", "aware_at": "115/11/26 10:00", "personal_data": "on",
    })  # fmt: skip
    page = response.content.decode()
    assert 'data-rule="moda-art8-report" data-pending="1"' in page
    assert "待判斷：是否危及正常營運或大量當事人權益" in page


def test_page_preview_needs_a_discovery_or_awareness_time(officer: Any, login_as: Any) -> None:
    response = login_as(officer).post(
        reverse("law:deadline_preview"), {"mode": "form", "personal_data": "on"}
    )
    assert "請填寫發現時間或知悉時間（至少一項）" in response.content.decode()


def test_page_preview_refuses_out_of_order_times(officer: Any, login_as: Any) -> None:
    response = login_as(officer).post(reverse("law:deadline_preview"), {
        "mode": "form", "discovered_at": "115/11/26 10:00", "aware_at": "115/11/26 09:00", "personal_data": "on",
    })  # fmt: skip
    assert "時間順序不合理" in response.content.decode()


def test_page_preview_json_mode(auditor: Any, login_as: Any) -> None:
    response = login_as(auditor).post(
        reverse("law:deadline_preview"), {"mode": "json", "json": json.dumps(EXAMPLE, ensure_ascii=False)}
    )
    assert 'data-rule="' in response.content.decode()
    bad = login_as(auditor).post(reverse("law:deadline_preview"), {"mode": "json", "json": "{"})
    assert "JSON 格式錯誤" in bad.content.decode()


def test_real_cli_exits_non_zero_with_zh_tw_message(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    bad = tmp_path / "bad.json"
    bad.write_text(
        '{"incident": {"discovered_at": "2026-11-26", "cyber": true, "level": 7}}', encoding="utf-8"
    )
    shouhu = Path(sys.executable).with_name("shouhu")
    env = {**os.environ, "SHOUHU_HOME": str(tmp_path / "home")}
    env.pop("SHOUHU_DATABASE_URL", None)
    done = subprocess.run([str(shouhu), "deadlines", "preview", "--json", str(bad)],
                          capture_output=True, text=True, env=env, timeout=120, check=False)  # fmt: skip
    assert done.returncode != 0
    assert "資通安全事件等級須為1至4級" in done.stderr


def test_incident_module_wrapper_uses_stored_facts(officer: Any, company: Any, client_row: Any) -> None:
    import datetime as dt

    from shouhu.engines.law.inputs import IncidentFacts
    from shouhu.engines.law.timeutil import TAIPEI
    from shouhu.law.selectors import client_party_id

    services.save_company_facts(actor=officer, data=company_data())
    services.save_client_facts(actor=officer, client=client_row, data=client_data(ncc_categories=["telecom"]))
    incident = IncidentFacts(
        discovered_at=dt.datetime(2026, 11, 26, 9, 0, tzinfo=TAIPEI), serious=True,
        affected_client_ids=(client_party_id(client_row),),
    )  # fmt: skip
    found = services.compute_incident_deadlines(incident=incident, clients=[client_row])
    ncc = next(d for d in found if d.rule_id == "ncc-art4-initial")
    assert ncc.party_id == f"client-{client_row.pk}"
    assert ncc.due_at == dt.datetime(2026, 11, 26, 10, 0, tzinfo=TAIPEI)
    assert any(d.rule_id == "moda-art8-report" and d.party_id == "self" for d in found)


def test_request_wrapper_checks_the_holder(officer: Any, company: Any, client_row: Any) -> None:
    import datetime as dt

    from django.core.exceptions import ValidationError

    from shouhu.engines.law.inputs import RequestFacts, RequestKind
    from shouhu.engines.law.timeutil import TAIPEI

    received = dt.datetime(2026, 11, 26, 9, 0, tzinfo=TAIPEI)
    found = services.compute_request_deadlines(request=RequestFacts(RequestKind.QUERY_OR_READ, received))
    assert [(d.rule_id, d.last_day) for d in found] == [("pdpa-art13-access", dt.date(2026, 12, 11))]
    with pytest.raises(ValidationError, match="不符"):
        services.compute_request_deadlines(
            request=RequestFacts(RequestKind.COPY, received), client=client_row
        )


def test_english_preview_cites_laws_and_forms_in_english(auditor: Any, login_as: Any) -> None:
    """Issue 12: the legal basis column reads "PDPA Art. 12 …" on the English page, not the Chinese citation."""
    import re

    from django.conf import settings

    c = login_as(auditor)
    c.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = c.post(
        reverse("law:deadline_preview"), {"mode": "json", "json": json.dumps(EXAMPLE, ensure_ascii=False)}
    ).content.decode()
    bases = re.findall(r'data-testid="legal-basis">([^<]*)<', page)

    assert bases
    assert [b for b in bases if re.search(r"[\u4e00-\u9fff]", b)] == []
    assert "PDPA Art. 12; PDPA Enforcement Rules Art. 22" in bases
