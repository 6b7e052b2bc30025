"""Demo piece of client contracts: the e-commerce client's contract with its terms and 24-hour notice period,
a security test over a year old beside a recent one, and the client's audit (no finding: the demo's
corrective actions stay those of the self-check)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from shouhu.core.demo import ECOMMERCE, DemoContext, step


@step(order=66)
def load(ctx: DemoContext) -> None:
    from shouhu.contracts import services
    from shouhu.inventory import selectors as inventory

    officer = ctx.cast.officer
    today = timezone.localdate()
    client = ctx.clients[ECOMMERCE]
    systems = inventory.systems_by_name()
    member_db = systems.get("好日子購物電商會員資料庫")
    contract = services.save_contract(
        actor=officer,
        data={
            "client": client,
            "number": "GD-2025-003",
            "title": "電商平台代管及維運服務契約",
            "signed_on": today - dt.timedelta(days=300),
            "starts_on": today - dt.timedelta(days=290),
            "ends_on": today + dt.timedelta(days=440),
            "services": "電商平台主機代管、系統維運及會員資料庫管理",
            "notice_hours": 24,
            "active": True,
        },
        systems=[member_db] if member_db else [],
    )
    for key, agreed, clause in (
        ("pdpa:scope", True, "第3條"),
        ("pdpa:measures", True, "第7條及附件二"),
        ("pdpa:breach", True, "第9條（24小時內通知）"),
        ("pdpa:return", True, "第15條"),
        ("pdpa:subcontract", False, ""),
    ):
        services.set_term(actor=officer, contract=contract, key=key, agreed=agreed, clause=clause)
    if member_db:
        base = {"system": member_db, "tester": "資安檢測股份有限公司"}
        services.save_test(
            actor=officer,
            data={**base, "kind": "pentest", "tested_on": today - dt.timedelta(days=420), "high_count": 1,
                  "medium_count": 4, "retest": "passed", "retested_on": today - dt.timedelta(days=390)},
        )  # fmt: skip
        services.save_test(
            actor=officer,
            data={**base, "kind": "vulnscan", "tested_on": today - dt.timedelta(days=35), "high_count": 0,
                  "medium_count": 2, "retest": "pending"},
        )  # fmt: skip
    services.record_audit(
        actor=officer,
        data={
            "client": client,
            "contract": contract,
            "audited_on": today - dt.timedelta(days=21),
            "scope": "會員資料庫存取控制及備份",
            "auditor": f"{client.name}資訊稽核室",
            "summary": "整體符合契約要求，未發現缺失。",
        },
    )
    ctx.count("contracts", "委託者契約", 1)
