"""The plan's 內部管理程序 chapter cites the client contracts through the contracts module: each contract
in force with its notice period and its required terms counted agreed / not agreed / not yet checked; a
client without a contract, an unknown period and a term not agreed are listed as missing, never as "no"."""

from __future__ import annotations

from typing import Any

import pytest

from shouhu.contracts import services as contracts
from shouhu.plan import chapters
from tests.factories import ClientFactory

pytestmark = pytest.mark.django_db


def _procedures(officer: Any) -> dict[str, Any]:
    content = chapters.build(actor=officer)
    return next(c for c in content["chapters"] if c["key"] == "procedures")


def test_the_chapter_lists_each_contract_its_period_and_its_terms(officer: Any, make_user: Any) -> None:
    admin = make_user("admin")
    shop = ClientFactory(name="甲電商股份有限公司")
    ClientFactory(name="乙診所")
    contract = contracts.save_contract(
        actor=admin,
        data={"client": shop, "number": "C-1", "title": "維運契約", "services": "維運", "notice_hours": 24},
    )
    contracts.set_term(actor=admin, contract=contract, key="pdpa:breach", agreed=True, clause="第9條")
    contracts.set_term(actor=admin, contract=contract, key="pdpa:return", agreed=False)
    chapter = _procedures(officer)
    source = "委託者契約（個資法施行細則第8條）"
    assert ["履約中之委託者契約", "1", source] in chapter["facts"]
    table = next(t for t in chapter["tables"] if t["title"] == "受託處理之委託者契約")
    # the client's law facts were never recorded: the Art. 4 cyber terms count as "not known whether they bind"
    assert table["rows"] == [
        [
            "甲電商股份有限公司",
            "C-1 維運契約",
            "24 小時",
            "1",
            "1",
            "13",
            "不明（委託者法規事實未登錄，仍列入）",
        ]
    ]
    assert "尚未建立：委託者契約（乙診所 無履約中之契約紀錄）" in chapter["missing"]
    assert (
        "契約未約定之應約定事項：甲電商股份有限公司 C-1："
        "委託關係終止或解除時，個人資料載體之返還及儲存資料之刪除" in chapter["missing"]
    )
    assert "尚未確認之契約應約定事項：13 項（委託者契約）" in chapter["missing"]


def test_an_unknown_notice_period_is_said_and_listed_as_missing(officer: Any, make_user: Any) -> None:
    admin = make_user("admin")
    shop = ClientFactory(name="甲電商股份有限公司")
    contracts.save_contract(
        actor=admin, data={"client": shop, "number": "C-1", "title": "維運契約", "services": "維運"}
    )
    chapter = _procedures(officer)
    table = next(t for t in chapter["tables"] if t["title"] == "受託處理之委託者契約")
    assert table["rows"][0][2] == "不明（契約未載明或尚未確認）"
    assert "契約通知時限不明：甲電商股份有限公司（事件時以立即通知計）" in chapter["missing"]
