"""The JSON preview used by the CLI and the API."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import pytest

from shouhu.engines.law.errors import LawEngineError, PreviewInputError
from shouhu.engines.law.preview import preview_from_json


def example() -> dict[str, Any]:
    text = (
        resources.files("shouhu.engines.law").joinpath("examples/incident.json").read_text(encoding="utf-8")
    )
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def test_example_file_produces_the_expected_deadlines() -> None:
    out = preview_from_json(example())
    assert [(d["due_at_taipei"], d["party_id"], d["rule_id"]) for d in out] == [
        ("民國115年11月26日 10:00（臺北時間）", "self", "pdpa-art12-notify"),
        ("民國115年11月26日 10:00（臺北時間）", "cram-b", "pdpa-art12-notify"),
        ("民國115年11月26日 10:00（臺北時間）", "cram-b", "pdpa-er-art8-contractor-notice"),
        ("民國115年11月26日 10:00（臺北時間）", "telecom-a", "cyber-contractor-notice"),
        ("民國115年11月26日 10:00（臺北時間）", "telecom-a", "pdpa-art12-notify"),
        ("民國115年11月26日 10:00（臺北時間）", "telecom-a", "pdpa-er-art8-contractor-notice"),
        ("民國115年11月26日 11:00（臺北時間）", "telecom-a", "cyber-snpa-report"),
        ("民國115年11月26日 11:00（臺北時間）", "telecom-a", "ncc-art4-initial"),
        ("民國115年11月27日 22:00（臺北時間）", "telecom-a", "cyber-snpa-recovery-l34"),
        ("民國115年11月29日 09:10（臺北時間）", "cram-b", "cram-art13-report"),
        ("民國115年11月29日 10:00（臺北時間）", "self", "moda-art8-report"),
        ("民國115年11月29日 10:00（臺北時間）", "telecom-a", "ncc-art4-followup"),
        ("民國115年12月26日 10:00（臺北時間）", "cram-b", "cram-art13-final"),
        ("民國115年12月26日 10:00（臺北時間）", "telecom-a", "cyber-snpa-investigation-report"),
    ]


def test_output_is_json_serialisable_with_utc_times() -> None:
    out = preview_from_json(example())
    moda = next(d for d in out if d["rule_id"] == "moda-art8-report")
    assert json.loads(json.dumps(out)) == out
    assert (moda["due_at"], moda["anchor"], moda["law_version_status"]) == (
        "2026-11-29T02:00:00+00:00",
        "aware",
        "in_force",
    )


def test_request_preview() -> None:
    out = preview_from_json({"request": {"kind": "delete", "received_at": "115/03/02 10:00"}})
    assert [(d["rule_id"], d["due_at"], d["extended_due_at"]) for d in out] == [
        ("pdpa-art13-correction", "2026-04-01T02:00:00+00:00", "2026-05-01T02:00:00+00:00")
    ]


def test_end_of_day_counting_preview() -> None:
    out = preview_from_json(
        {"counting": "end_of_day", "request": {"kind": "copy", "received_at": "2026-03-02T10:00:00+08:00"}}
    )
    assert out[0]["due_at_taipei"] == "民國115年3月17日 23:59（臺北時間）"


def test_event_preview() -> None:
    out = preview_from_json(
        {
            "clients": [{"id": "c1", "name": "甲"}],
            "event": {"kind": "unlawful_instruction", "at": "115/03/02 10:00", "party_id": "c1"},
        }
    )
    assert [d["rule_id"] for d in out] == ["pdpa-er-art8-unlawful-instruction"]


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({}, "恰好包含"),
        ({"incident": {}, "request": {}}, "恰好包含"),
        ({"incident": {"aware_at": "115/03/02 10:00"}}, "缺少 discovered_at"),
        ({"incident": {"discovered_at": "tomorrow"}}, "無法辨識的日期格式"),
        ({"incident": {"discovered_at": "115/03/02", "level": 7, "cyber": True}}, "1至4級"),
        ({"incident": {"discovered_at": "115/03/02", "colour": 1}}, "未知欄位：colour"),
        ({"company": {"paid_in_capital": -1}, "incident": {"discovered_at": "115/03/02"}}, "不可為負數"),
        ({"company": {"paid_in_capital": "many"}, "incident": {"discovered_at": "115/03/02"}}, "應為整數"),
        ({"company": {"sectors": ["casino"]}, "incident": {"discovered_at": "115/03/02"}}, "無效"),
        ({"clients": [{"name": "無代號"}], "incident": {"discovered_at": "115/03/02"}}, "缺少 id"),
        ({"request": {"kind": "copy"}}, "kind 與 received_at"),
        (
            {"incident": {"discovered_at": "115/03/02 10:00", "aware_at": "115/03/02 09:00"}},
            "知悉時間.*早於發現時間",
        ),
    ],
)
def test_bad_input_is_refused_in_zh(payload: dict[str, Any], message: str) -> None:
    with pytest.raises(LawEngineError, match=message):
        preview_from_json(payload)


def test_preview_errors_are_preview_input_errors() -> None:
    with pytest.raises(PreviewInputError):
        preview_from_json({"incident": {"discovered_at": "115/03/02", "level": 0, "cyber": True}})
