"""Demo piece of the law module: facts for the company and the clients, the calendar with owners and completions."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from shouhu.core.demo import (
    CRAM_SCHOOL,
    ECOMMERCE,
    ECOMMERCE_RECORDS,
    HOSPITAL,
    HOTEL,
    Cast,
    DemoContext,
    days,
    step,
)
from shouhu.organization.models import Client

# --- law facts --------------------------------------------------------------------------------------------

# The company's type, paid-in capital and industry code 6201 come from its profile; a client's industry code
# and hosting (代管) from the client record — they are not repeated here.
COMPANY_FACTS: dict[str, Any] = {
    "business_item_codes": ["I301010", "I301020", "I301030"],
    "registered_capital": 20_000_000,
    "consumer_records": 0,
    "records_from_inventory": False,
    "government_contracts": False,
}
CLIENT_FACTS: dict[str, dict[str, Any]] = {
    ECOMMERCE: {
        "company_type": "company_limited_by_shares",
        "paid_in_capital": 30_000_000,
        "registered_capital": 30_000_000,
        "sectors": ["internet_retail"],
        "consumer_records": ECOMMERCE_RECORDS,
        "records_from_inventory": True,
    },
    CRAM_SCHOOL: {
        "business_item_codes": ["J201031"],
        "company_type": "business",
        "sectors": ["cram_school"],
        "consumer_records": 1_850,
    },
    HOTEL: {
        "business_item_codes": ["J901011"],
        "company_type": "company_limited_by_shares",
        "paid_in_capital": 80_000_000,
        "registered_capital": 100_000_000,
        "sectors": ["tourist_hotel"],
        "consumer_records": 9_000,
    },
    HOSPITAL: {
        "company_type": "association",
        "sectors": ["hospital"],
        "hospital_beds": 320,
    },
}
# Calendar obligation → whose account owns it (PEOPLE usernames); anything else goes to the 個資管理專員.
OWNERS = {
    "self-check-internal-audit": "auditor",
    "incident-drill": "security.chief",
    "processor-audit": "privacy.chief",
    "web-vuln-scan-pentest": "security.chief",
    "host-vuln-scan-malware": "security.chief",
    "phishing-drill": "security.chief",
    "permission-review": "security.chief",
    "password-change": "security.chief",
    "moda-art18-improvement": "privacy.chief",
}
# Obligations already done (days ago, note): gives a calendar with overdue, upcoming and later items.
DONE = {
    "training": (100, "全體員工個資及資安教育訓練（3 小時，線上測驗通過率 96%）"),
    "password-change": (75, "正式環境伺服器及資料庫管理帳號密碼更換"),
    "permission-review": (200, "上半年度使用者權限檢視，停用離職人員帳號 3 個"),
    "phishing-drill": (120, "社交工程演練：開信率 12%、點擊率 4%，點擊者已加強訓練"),
    "web-vuln-scan-pentest": (150, "委外網頁弱點掃描及滲透測試，高風險弱點已修補並複測"),
}


def load_law(cast: Cast, clients: Mapping[str, Client]) -> int:
    from shouhu.law import selectors as law_selectors
    from shouhu.law import services as law

    law.save_company_facts(actor=cast.officer, data=COMPANY_FACTS)
    for key, data in CLIENT_FACTS.items():
        law.save_client_facts(actor=cast.officer, client=clients[key], data=data)
    law.sync_calendar(actor=cast.officer)
    obligations = list(law_selectors.obligations(active=True))
    for obligation in obligations:
        owner = cast.owners.get(OWNERS.get(obligation.key, "privacy.officer"))
        if owner is not None:
            law.set_owner(actor=cast.officer, obligation=obligation, owner=owner)
        if obligation.key in DONE:
            ago, note = DONE[obligation.key]
            law.complete(actor=cast.officer, obligation=obligation, done_on=days(-ago), note=note)
    return len(obligations)


@step(order=10)
def load(ctx: DemoContext) -> None:
    ctx.count("obligations", "法遵行事曆項目", load_law(ctx.cast, ctx.clients))
