"""Demo piece of transfers and retention: a cloud backup abroad, an order-retention rule with a batch due
soon, and a disposal with its proof."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from shouhu.core.demo import ECOMMERCE, DemoContext, at, step


@step(order=65)
def load(ctx: DemoContext) -> None:
    from shouhu.thirdparties import services

    officer = ctx.cast.officer
    today = timezone.localdate()
    services.save_transfer(
        actor=officer,
        data={
            "data_description": "電商會員資料庫異地備份",
            "recipient": "雲端服務供應商新加坡資料中心",
            "country": "新加坡",
            "purpose": "備份及災害復原",
            "legal_basis": "client",
            "client": ctx.clients[ECOMMERCE],
            "art21_checked_on": today - dt.timedelta(days=40),
            "art21_result": "clear",
            "art21_note": "查詢數位發展部公告，無限制傳輸之命令。",
        },
    )
    rule = services.save_rule(
        actor=officer,
        data={
            "name": "客服電話錄音",
            "duration": 6,
            "unit": "months",
            "basis": "客服作業規範第5條",
            "start_event": "collected",
            "disposal_method": "自錄音系統刪除並清除備份",
        },
    )
    services.start_batch(
        actor=officer, rule=rule, label="上半年度錄音", started_on=today - dt.timedelta(days=170)
    )
    services.record_disposal(
        actor=officer,
        data={
            "kind": "destruction",
            "data_description": "舊版會員申請書紙本",
            "method": "碎紙機銷毀（DIN 66399 P-4）",
            "performed_at": at(-20, 15, 0),
            "place": "本公司總部文件室",
            "performed_by": "行政部 林專員",
            "witness": "個資管理專員",
        },
        proof=b"%PDF-1.4\n% demo proof of destruction\n",
        proof_name="銷毀紀錄表.pdf",
    )
    sub = services.save_subprocessor(
        actor=officer,
        data={
            "name": "安穩雲端機房股份有限公司",
            "services": "電商會員資料庫主機代管及備份",
            "data_categories": "C001 辨識個人者、C003 政府資料中之辨識者",
            "systems": "好日子購物電商會員資料庫",
            "countries": "臺灣",
            "contract_signed_on": today - dt.timedelta(days=400),
            "contract_ends_on": today + dt.timedelta(days=330),
        },
    )
    for key, clause in (("scope", "第2條"), ("measures", "第6條"), ("breach", "第9條"), ("return", "第14條")):
        services.set_contract_item(actor=officer, subprocessor=sub, key=key, agreed=True, clause=clause)
    services.set_contract_item(actor=officer, subprocessor=sub, key="subcontract", agreed=False)
    services.record_supervision(
        actor=officer,
        subprocessor=sub,
        checked_on=today - dt.timedelta(days=20),
        method="onsite",
        result="機房門禁、備份加密及存取紀錄均符合契約",
        issues="複委託條款尚未約定，已請對方於續約時補列",
    )
    ctx.count("thirdparties", "國際傳輸、保存期限、銷毀紀錄與受託者", 4)
