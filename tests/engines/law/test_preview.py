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
    assert isinstance(out, dict)
    assert [(d["due_at_taipei"], d["party_id"], d["rule_id"]) for d in out["deadlines"]] == [
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
        # one month from 11-26 ends Sat 12-26 → Monday 12-28 (民法第121條、第122條)
        ("民國115年12月28日（星期一）24:00（臺北時間）", "cram-b", "cram-art13-final"),
        ("民國115年12月28日（星期一）24:00（臺北時間）", "telecom-a", "cyber-snpa-investigation-report"),
    ]
    assert out["warnings"] == []


def test_unknown_violation_is_returned_pending_in_the_output() -> None:
    out = preview_from_json(example())
    assert isinstance(out, dict)
    notify = next(
        d for d in out["deadlines"] if d["rule_id"] == "pdpa-art12-notify" and d["party_id"] == "self"
    )
    assert notify["pending"] == [
        {"key": "caused_by_violation", "label_zh": "是否因違反個資法所致",
         "label_en": "whether the breach was caused by a violation of the PDPA", "party_id": None}
    ]  # fmt: skip
    assert notify["pending_zh"] == "待判斷：是否因違反個資法所致"


def test_output_is_json_serialisable_with_utc_times() -> None:
    out = preview_from_json(example())
    assert isinstance(out, dict)
    moda = next(d for d in out["deadlines"] if d["rule_id"] == "moda-art8-report")
    assert json.loads(json.dumps(out)) == out
    assert (moda["due_at"], moda["anchor"], moda["law_version_status"]) == (
        "2026-11-29T02:00:00+00:00",
        "aware",
        "in_force",
    )


def test_request_preview_counts_days_as_the_civil_code() -> None:
    out = preview_from_json({"request": {"kind": "delete", "received_at": "115/03/03 10:00"}})
    assert isinstance(out, dict)
    assert [(d["rule_id"], d["last_day"], d["due_at"], d["extended_due_at"]) for d in out["deadlines"]] == [
        ("pdpa-art13-correction", "2026-04-02", "2026-04-02T15:59:59+00:00", "2026-05-04T15:59:59+00:00")
    ]


def test_old_counting_option_is_ignored_with_a_warning() -> None:
    out = preview_from_json(
        {"counting": "elapsed", "request": {"kind": "copy", "received_at": "2026-03-03T10:00:00+08:00"}}
    )
    assert isinstance(out, dict)
    assert out["deadlines"][0]["due_at_taipei"] == "民國115年3月18日（星期三）24:00（臺北時間）"
    assert [w["code"] for w in out["warnings"]] == ["counting_ignored"]


def test_event_preview() -> None:
    out = preview_from_json(
        {
            "clients": [{"id": "c1", "name": "甲", "industry_codes": ["4711"]}],
            "event": {"kind": "unlawful_instruction", "at": "115/03/02 10:00", "party_id": "c1"},
        }
    )
    assert isinstance(out, dict)
    assert [d["rule_id"] for d in out["deadlines"]] == ["pdpa-er-art8-unlawful-instruction"]


def test_several_cases_in_one_input_come_back_in_order() -> None:
    it = {"industry_codes": ["6201"]}
    out = preview_from_json(
        [
            {"company": it, "incident": {"aware_at": "115/03/02 10:00"}},
            {"company": it, "request": {"kind": "copy", "received_at": "115/03/03 10:00"}},
        ]
    )
    assert isinstance(out, list)
    assert [item["index"] for item in out] == [0, 1]
    assert "moda-art8-report" in {d["rule_id"] for d in out[0]["deadlines"]}
    assert [d["rule_id"] for d in out[1]["deadlines"]] == ["pdpa-art13-access"]


def test_an_error_in_one_of_several_cases_names_it() -> None:
    with pytest.raises(PreviewInputError, match="第 2 筆：.*無法辨識的日期格式"):
        preview_from_json([{"incident": {"aware_at": "115/03/02"}}, {"incident": {"aware_at": "soon"}}])


def test_too_many_cases_are_refused() -> None:
    with pytest.raises(PreviewInputError, match="一次最多試算 50 筆"):
        preview_from_json([{"incident": {"aware_at": "115/03/02"}}] * 51)


def test_awareness_alone_is_enough_and_discovery_rules_start_there_with_a_warning() -> None:
    out = preview_from_json(
        {"company": {"business_item_codes": ["J201031"]}, "incident": {"aware_at": "115/03/02 10:00"}}
    )
    assert isinstance(out, dict)
    cram = next(d for d in out["deadlines"] if d["rule_id"] == "cram-art13-report")
    assert (cram["due_at"], cram["anchor_fallback_from"]) == ("2026-03-05T02:00:00+00:00", "aware")
    assert "anchor_estimated" in [w["code"] for w in out["warnings"]]


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({}, "恰好包含"),
        ({"incident": {}, "request": {}}, "恰好包含"),
        ({"incident": {"occurred_at": "115/03/02 10:00"}}, "發現時間.*或 aware_at"),
        ({"incident": {"aware_at": "115/03/02 10:00", "occurred_at": "115/03/03"}}, "知悉時間.*早於發生時間"),
        ({"incident": {"aware_at": "115/03/02", "serious": "yes"}}, "serious 應為true 或 false"),
        ([], "不可為空"),
        ("incident", "物件或物件清單"),
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
def test_bad_input_is_refused_in_zh(payload: Any, message: str) -> None:
    with pytest.raises(LawEngineError, match=message):
        preview_from_json(payload)


def test_preview_errors_are_preview_input_errors() -> None:
    with pytest.raises(PreviewInputError):
        preview_from_json({"incident": {"discovered_at": "115/03/02", "level": 0, "cyber": True}})
