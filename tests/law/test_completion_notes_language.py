"""Completion notes other modules write on the compliance calendar keep their zh-TW wording and read in the
reader's language (an English calendar page shows no Chinese the system wrote)."""

from __future__ import annotations

import importlib
import re
from typing import Any

import pytest
from django.utils import translation

from shouhu.core import messages

HAN = re.compile(r"[\u3400-\u9fff]")

# (module registering the key, key, facts, zh-TW as written before, English)
NOTES = [
    ("shouhu.assessment.services", "assessment.completed_note", {"kind": "internal", "company": "守護資訊"},
     "內部稽核完成（守護資訊）", "Internal audit completed (守護資訊)"),
    ("shouhu.assessment.demo", "assessment.demo_note", {"pk": 3, "findings": 2},
     "完成附錄一自我檢查（#3），缺失 2 項已列入矯正措施追蹤",
     "Appendix 1 self-check completed (#3); 2 findings are tracked as corrective actions"),
    ("shouhu.thirdparties.services", "thirdparties.disposed_note", {"kind": "destruction", "data": "會員名單"},
     "銷毀：會員名單", None),
    ("shouhu.drills.services", "drills.result_note",
     {"title": "物流通知", "delivered": 40, "clicked": 5, "submitted": 2, "reported": 9},
     "社交工程演練「物流通知」：寄達 40 人，點擊 5 人，提交資料 2 人，回報 9 人",
     "Social engineering drill “物流通知”: delivered to 40, clicked by 5, data submitted by 2, reported by 9"),
    ("shouhu.people.services", "people.review_note",
     {"title": "上半年審查", "system": "會員資料庫", "accounts": 3, "keep": 1, "change": 1, "revoke": 1},
     "存取權限審查「上半年審查」（會員資料庫）：3 個帳號，保留 1、調整 1、撤銷 1",
     "Access review “上半年審查” (會員資料庫): 3 accounts; keep 1, change 1, revoke 1"),
    ("shouhu.logwatch.summaries", "logwatch.summary_note",
     {"source": "web", "month": "2026-10", "events": 12345, "alerts": 2, "evidence": 7},
     "存取紀錄監控每月摘要 web 2026-10：事件 12,345 筆、警示 2 則（佐證 #7）",
     "Monthly access-log monitoring summary web 2026-10: 12,345 events, 2 alerts (evidence #7)"),
    ("shouhu.logwatch.drills", "logwatch.drill_note", {"drill": 4, "source": "web", "to_alert": 12.4, "to_ack": 95.0},
     "存取紀錄監控演練 #4（web）：注入後 12 秒發出警示，95 秒由人員確認。",
     "Access-log monitoring drill #4 (web): alerted 12 seconds after injection, acknowledged by a person after 95 seconds."),
    ("shouhu.plan.implementation", "plan.art18.inventory", {"n": 4},
     "個資盤點：4 個檔案於期間內計算筆數", "Personal-data inventory: 4 files counted in the period"),
]  # fmt: skip


@pytest.mark.parametrize(("module", "key", "facts", "zh", "en"), NOTES, ids=[n[1] for n in NOTES])
def test_a_note_keeps_its_zh_wording_and_reads_english(
    module: str, key: str, facts: dict[str, Any], zh: str, en: str | None
) -> None:
    importlib.import_module(module)
    with translation.override("en"):  # written from an English page: the stored text is still zh-TW
        said = messages.compose(key, **facts)
    assert said.text == zh
    with translation.override("en"):
        english = messages.render(said.key, said.facts, said.text)
    typed = {str(value) for value in facts.values() if isinstance(value, str) and HAN.search(value)}
    for value in typed:  # names people typed stay as typed
        english = english.replace(value, "")
    assert not HAN.search(english)
    if en is not None:
        with translation.override("zh-hant"):
            assert messages.render(said.key, said.facts, said.text) == zh
        with translation.override("en"):
            assert messages.render(said.key, said.facts, said.text) == en
