"""The living part of ``shouhu demo``: law facts, calendar, inventory, risks, assessments and incidents.

Everything is written through each module's services, as the actors in ``Cast``, so the audit log and the
derived data (calendar due dates, incident deadlines, findings) are exactly what a user would produce.
All names, companies and numbers are fictional; dates are relative to ``timezone.localdate()``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone

from shouhu.accounts.models import User
from shouhu.organization.models import Client, Department

TAIPEI = ZoneInfo("Asia/Taipei")
ECOMMERCE, CRAM_SCHOOL, HOTEL, HOSPITAL = "ecommerce", "cram_school", "hotel", "hospital"


@dataclass
class Cast:
    """Who does what. With ``--with-accounts`` these are the demo people's own accounts; otherwise every
    role is the one system user ``demo``."""

    officer: User  # 個資管理專員: inventory, law facts, calendar, risks, assessments, actions
    security: User  # 資安長: incidents
    auditor: User  # 稽核人員: manual findings of the internal audit
    owners: dict[str, User] = field(default_factory=dict)  # calendar owners by role key (accounts only)
    assessors: list[User] = field(default_factory=list)


def _days(n: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=n)


def _at(days: int, hour: int, minute: int = 0) -> dt.datetime:
    """An aware datetime at a Taipei wall-clock time ``days`` from today."""
    return dt.datetime.combine(_days(days), dt.time(hour, minute), tzinfo=TAIPEI)


# --- law facts --------------------------------------------------------------------------------------------

COMPANY_FACTS: dict[str, Any] = {
    "industry_codes": ["6201"],
    "business_item_codes": ["I301010", "I301020", "I301030"],
    "company_type": "company_limited_by_shares",
    "paid_in_capital": 12_000_000,
    "registered_capital": 20_000_000,
    "consumer_records": 0,
    "records_from_inventory": False,
    "government_contracts": False,
}
ECOMMERCE_RECORDS = 186_420
CLIENT_FACTS: dict[str, dict[str, Any]] = {
    ECOMMERCE: {
        "industry_codes": ["4871"],
        "company_type": "company_limited_by_shares",
        "paid_in_capital": 30_000_000,
        "registered_capital": 30_000_000,
        "sectors": ["internet_retail"],
        "consumer_records": ECOMMERCE_RECORDS,
        "records_from_inventory": True,
        "hosting": "hosting",
    },
    CRAM_SCHOOL: {
        "industry_codes": ["8595"],
        "business_item_codes": ["J201031"],
        "company_type": "business",
        "sectors": ["cram_school"],
        "consumer_records": 1_850,
        "hosting": "build_maintain",
    },
    HOTEL: {
        "industry_codes": ["5510"],
        "business_item_codes": ["J901011"],
        "company_type": "company_limited_by_shares",
        "paid_in_capital": 80_000_000,
        "registered_capital": 100_000_000,
        "sectors": ["tourist_hotel"],
        "consumer_records": 9_000,
        "hosting": "build_maintain",
    },
    HOSPITAL: {
        "industry_codes": ["8610"],
        "company_type": "association",
        "sectors": ["hospital"],
        "hospital_beds": 320,
        "hosting": "hosting",
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
    "moda-art18-review": "privacy.chief",
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
            days, note = DONE[obligation.key]
            law.complete(actor=cast.officer, obligation=obligation, done_on=_days(-days), note=note)
    return len(obligations)


# --- inventory --------------------------------------------------------------------------------------------

SYSTEMS: list[dict[str, Any]] = [
    {
        "name": "人資差勤薪資系統",
        "kind": "system",
        "owner": "鄭惠如",
        "department": "HR",
        "location": "on_premises",
        "network_zone": "app",
        "holds_real_data": True,
        "notes": "套裝軟體，部署於公司內部應用區；僅人資部及會計可存取薪資模組。",
    },
    {
        "name": "好日子購物電商會員資料庫",
        "kind": "client_store",
        "owner": "楊雅雯",
        "department": "OPS",
        "location": "cloud",
        "cloud_provider": "Google Cloud（Cloud SQL for PostgreSQL）",
        "region": "asia-east1（臺灣彰化）",
        "network_zone": "db",
        "holds_real_data": True,
        "clients": [ECOMMERCE],
        "notes": "本公司代管；資料庫靜態加密、私有 IP 連線，每日備份保留 35 日（同區域）。",
    },
    {
        "name": "電商系統測試環境",
        "kind": "system",
        "owner": "吳承翰",
        "department": "SI",
        "location": "cloud",
        "cloud_provider": "Google Cloud",
        "region": "asia-east1（臺灣彰化）",
        "network_zone": "test",
        "holds_real_data": False,
        "clients": [ECOMMERCE],
        "notes": "只使用假資料產生器產生之測試資料；禁止匯入正式環境個資（指引：避免利用真實個資測試）。",
    },
    {
        "name": "北區醫療掛號系統代管主機",
        "kind": "client_store",
        "owner": "蔡宗翰",
        "department": "OPS",
        "location": "own_dc",
        "network_zone": "db",
        "holds_real_data": True,
        "clients": [HOSPITAL],
        "notes": "本公司內湖機房，雙機備援；病歷內容不在本主機，僅掛號及病歷號索引。",
    },
    {
        "name": "維運跳板機",
        "kind": "device",
        "owner": "蔡宗翰",
        "department": "OPS",
        "location": "own_dc",
        "network_zone": "dmz",
        "holds_real_data": False,
        "notes": "所有客戶系統維運連線經此跳板機，需 MFA，連線過程全程錄影保存 1 年。",
    },
    {
        "name": "員工筆記型電腦",
        "kind": "computer",
        "owner": "李冠廷",
        "department": "SEC",
        "location": "on_premises",
        "network_zone": "office",
        "holds_real_data": True,
        "notes": "48 台，全碟加密、端點偵測回應（EDR）、USB 儲存裝置預設封鎖。",
    },
]

FILES: list[dict[str, Any]] = [
    {
        "name": "員工人事資料",
        "department": "HR",
        "business_process": "人事管理",
        "source_forms": "員工基本資料表、勞健保加保申報書、薪資轉帳同意書",
        "data_subjects": ["employee"],
        "purposes": ["002", "031", "129"],
        "categories": ["C001", "C003", "C011", "C021", "C061", "C065", "C068"],
        "legal_bases": ["1", "2"],
        "records_general": 48,
        "counted_days_ago": 30,
        "systems": ["人資差勤薪資系統"],
        "storage_locations": "人資差勤薪資系統；人資部上鎖檔案櫃（紙本）",
        "retention_period": "離職後 5 年",
        "retention_basis": "勞動基準法第 7 條；勞工退休金條例",
        "lifecycle_collection": "到職時由員工填寫紙本及線上表單",
        "lifecycle_processing": "人資專員登錄於人資差勤薪資系統",
        "lifecycle_use": "薪資計算、勞健保申報、差勤管理",
        "lifecycle_deletion": "保存期限屆滿後系統刪除，紙本以碎紙機銷毀並記錄",
    },
    {
        "name": "應徵者履歷",
        "department": "HR",
        "business_process": "人員招募",
        "source_forms": "人力銀行履歷、面試評核表",
        "data_subjects": ["other"],
        "data_subjects_other": "應徵者",
        "purposes": ["002"],
        "categories": ["C001", "C011", "C051", "C052", "C064"],
        "legal_bases": ["5"],
        "records_general": 126,
        "counted_days_ago": 30,
        "systems": ["員工筆記型電腦"],
        "storage_locations": "人資部共用資料夾（權限限人資部）",
        "retention_period": "未錄取者 6 個月",
        "lifecycle_collection": "應徵者透過人力銀行投遞",
        "lifecycle_use": "面試安排及錄取評估",
        "lifecycle_deletion": "未錄取者 6 個月後刪除",
    },
    {
        "name": "客戶承辦人聯絡資料",
        "department": "CS",
        "business_process": "客戶服務",
        "source_forms": "委託契約聯絡窗口表、名片",
        "data_subjects": ["client_contact"],
        "purposes": ["069", "090"],
        "categories": ["C001", "C038"],
        "legal_bases": ["2"],
        "records_general": 42,
        "counted_days_ago": 20,
        "systems": ["員工筆記型電腦"],
        "storage_locations": "客服部客戶聯絡清冊",
        "retention_period": "契約終止後 2 年",
        "lifecycle_collection": "簽約時由客戶提供聯絡窗口",
        "lifecycle_use": "專案聯繫、維運通知及事故通知",
        "lifecycle_deletion": "契約終止 2 年後自清冊刪除",
    },
    {
        "name": "好日子購物會員資料",
        "department": "OPS",
        "business_process": "電商系統代管",
        "source_forms": "好日子購物網站會員註冊及訂單資料（委託者蒐集）",
        "role": "processor",
        "client": ECOMMERCE,
        "data_subjects": ["consumer"],
        "purposes": ["148", "090", "040"],
        "categories": ["C001", "C002", "C011", "C093"],
        "legal_bases": ["2", "5"],
        "records_general": ECOMMERCE_RECORDS,
        "counted_days_ago": 14,
        "systems": ["好日子購物電商會員資料庫"],
        "storage_locations": "Google Cloud asia-east1 Cloud SQL（好日子購物電商會員資料庫）",
        "retention_period": "依委託者指示（會員終止後 1 年）",
        "retention_basis": "委託契約第 8 條",
        "lifecycle_collection": "委託者之消費者於購物網站註冊、下單",
        "lifecycle_processing": "本公司依委託契約代管資料庫，不自行利用",
        "lifecycle_use": "僅於委託者指示範圍內維運、備份及除錯",
        "lifecycle_deletion": "依委託者指示刪除，契約終止時返還並出具刪除證明",
    },
    {
        "name": "北區醫療掛號索引資料",
        "department": "OPS",
        "business_process": "醫院系統代管",
        "source_forms": "北區醫療掛號系統（委託者蒐集）",
        "role": "processor",
        "client": HOSPITAL,
        "data_subjects": ["consumer"],
        "purposes": ["090", "136"],
        "categories": ["C001", "C003", "C111"],
        "legal_bases": ["1", "2"],
        "special_categories": ["medical_record"],
        "records_general": 0,
        "records_special": 52_300,
        "counted_days_ago": 40,
        "systems": ["北區醫療掛號系統代管主機"],
        "storage_locations": "本公司內湖機房代管主機",
        "retention_period": "依委託者指示",
        "retention_basis": "委託契約；醫療法第 70 條由委託者負責",
        "lifecycle_processing": "本公司僅代管主機及資料庫，不存取內容",
        "lifecycle_deletion": "契約終止時返還委託者並出具刪除證明",
    },
    {
        "name": "晨光觀光旅館訂房系統維修工單",
        "department": "SI",
        "business_process": "系統維護",
        "source_forms": "維修工單附件（畫面截圖、錯誤紀錄）",
        "role": "processor",
        "client": HOTEL,
        "data_subjects": ["maintenance"],
        "purposes": ["077", "135"],
        "categories": ["C001", "C034"],
        "legal_bases": ["2"],
        "records_general": 320,
        "counted_days_ago": 10,
        "systems": ["維運跳板機", "員工筆記型電腦"],
        "storage_locations": "工單系統附件（限專案成員）",
        "retention_period": "工單結案後 30 日",
        "retention_basis": "維護契約第 5 條",
        "lifecycle_collection": "維修時經委託者同意取得之截圖及紀錄",
        "lifecycle_use": "僅用於重現及修復問題",
        "lifecycle_deletion": "工單結案後 30 日內刪除附件",
    },
    {
        "name": "安心補習班學員系統維護資料",
        "department": "SI",
        "business_process": "系統維護",
        "source_forms": "補習班學員管理系統維護時之資料匯出",
        "role": "processor",
        "client": CRAM_SCHOOL,
        "data_subjects": ["maintenance"],
        "purposes": ["109", "135"],
        "categories": ["C001", "C023", "C051"],
        "legal_bases": ["2"],
        "records_general": 850,
        "counted_days_ago": 60,
        "systems": ["維運跳板機"],
        "storage_locations": "委託者端主機（維護時經跳板機連線）",
        "retention_period": "不另行保存",
        "lifecycle_use": "僅於委託者主機上除錯，不下載至本公司設備",
        "lifecycle_deletion": "不留存",
    },
]
FLOW = [
    ("collection", None, "消費者於好日子購物網站註冊及下單"),
    ("storage", "好日子購物電商會員資料庫", "寫入代管之 Cloud SQL（asia-east1），靜態加密"),
    ("use", "維運跳板機", "維運人員經跳板機（MFA、錄影）執行維護與除錯"),
    ("external", None, "依委託者指示將出貨資料以 SFTP 傳送物流商"),
    ("deletion", None, "會員終止 1 年後依委託者指示刪除，並出具刪除證明"),
]


def load_inventory(
    cast: Cast, departments: Mapping[str, Department], clients: Mapping[str, Client]
) -> dict[str, Any]:
    from shouhu.inventory import services as inventory
    from shouhu.inventory.models import Category, Purpose
    from shouhu.inventory.reference import ensure_seeded

    ensure_seeded()
    systems = {}
    for spec in SYSTEMS:
        data = {k: v for k, v in spec.items() if k != "clients"}
        data["department"] = departments[spec["department"]]
        linked = [clients[key] for key in spec.get("clients", [])]
        systems[spec["name"]] = inventory.create_system(actor=cast.officer, data=data, clients=linked)
    purposes = {p.code: p for p in Purpose.objects.filter(code__isnull=False)}
    categories = {c.code: c for c in Category.objects.all()}
    files = {}
    for spec in FILES:
        data = {k: v for k, v in spec.items() if k != "counted_days_ago"}
        data.update(
            department=departments[spec["department"]],
            client=clients[spec["client"]] if "client" in spec else None,
            role=spec.get("role", "controller"),
            purposes=[purposes[code] for code in spec["purposes"]],
            categories=[categories[code] for code in spec["categories"]],
            systems=[systems[name] for name in spec["systems"]],
            counted_on=_days(-spec["counted_days_ago"]),
        )
        files[spec["name"]] = inventory.create_file(actor=cast.officer, data=data)
    ecommerce = files["好日子購物會員資料"]
    for order, (stage, system, text) in enumerate(FLOW, start=1):
        inventory.add_flow_step(
            actor=cast.officer,
            pd_file=ecommerce,
            data={"stage": stage, "system": systems.get(system or ""), "description": text, "order": order},
        )
    contacts = files["客戶承辦人聯絡資料"]
    notice = inventory.generate_notice(actor=cast.officer, pd_file=contacts)
    inventory.update_file(
        actor=cast.officer,
        pd_file=contacts,
        data={"notice_given": True, "notice_reference": f"個資告知事項 第 {notice.version} 版（契約附件）"},
    )
    return {"systems": systems, "files": files}


# --- risk register ----------------------------------------------------------------------------------------

RISKS: list[dict[str, Any]] = [
    {
        "scope": "system",
        "target": "好日子購物電商會員資料庫",
        "threat": "leakage",
        "description": "代管之電商會員資料庫遭撞庫或管理帳號外洩，大量會員個資外洩。",
        "likelihood": 4,
        "impact": 5,
        "existing_controls": "靜態加密、私有 IP 連線、IAM 最小權限",
        "control_items": ["pd-6.1.1", "pd-6.1.2"],
        "treatment": "reduce",
        "residual": (3, 5),
        "owner": "楊雅雯",
        "reassess": {
            "likelihood": 3,
            "impact": 5,
            "residual_likelihood": 2,
            "residual_impact": 4,
            "existing_controls": "靜態加密、私有 IP 連線、IAM 最小權限、管理帳號 MFA、資料庫稽核日誌串接 SIEM",
            "note": "管理帳號導入 MFA 並啟用資料庫稽核日誌後重新評估，可能性由 4 降為 3。",
        },
    },
    {
        "scope": "system",
        "target": "電商系統測試環境",
        "threat": "leakage",
        "description": "開發人員為除錯將正式環境會員資料匯入測試環境，測試環境防護較弱致外洩。",
        "likelihood": 2,
        "impact": 4,
        "existing_controls": "假資料產生器；測試環境禁止連線正式資料庫",
        "control_items": ["pd-6.1.2"],
        "treatment": "reduce",
        "residual": (1, 4),
        "owner": "吳承翰",
    },
    {
        "scope": "system",
        "target": "員工筆記型電腦",
        "threat": "loss",
        "description": "員工外出時遺失筆記型電腦，內含客戶聯絡資料及工單附件。",
        "likelihood": 3,
        "impact": 3,
        "existing_controls": "全碟加密、EDR、遠端抹除",
        "control_items": ["pd-8.1"],
        "treatment": "reduce",
        "residual": (3, 1),
        "owner": "李冠廷",
    },
    {
        "scope": "system",
        "target": "維運跳板機",
        "threat": "theft",
        "description": "跳板機帳號遭竊用，攻擊者藉此進入多個客戶系統。",
        "likelihood": 2,
        "impact": 5,
        "existing_controls": "MFA、來源 IP 限制、連線錄影",
        "control_items": ["pd-6.2.1"],
        "treatment": "reduce",
        "residual": (1, 5),
        "owner": "蔡宗翰",
    },
    {
        "scope": "system",
        "target": "北區醫療掛號系統代管主機",
        "threat": "damage",
        "description": "機房電力或硬體故障致代管主機資料毀損。",
        "likelihood": 2,
        "impact": 4,
        "existing_controls": "雙機備援、每日異地備份",
        "treatment": "transfer",
        "residual": (2, 2),
        "owner": "蔡宗翰",
    },
    {
        "scope": "activity",
        "target": "客戶承辦人聯絡資料",
        "activity": "external",
        "threat": "leakage",
        "description": "以電子郵件寄送維運通知時誤植收件者，洩漏其他客戶承辦人姓名及電話。",
        "likelihood": 3,
        "impact": 2,
        "existing_controls": "郵件外寄延遲 1 分鐘、群發使用密件副本",
        "treatment": "accept",
        "accepted_by": "林志明（總經理）",
        "accepted_days_ago": 60,
        "residual": (3, 2),
        "owner": "許家豪",
    },
    {
        "scope": "activity",
        "target": "好日子購物會員資料",
        "activity": "internal",
        "threat": "leakage",
        "description": "除錯時將會員資料匯出為 Excel 並以內部通訊軟體傳送，檔案外流。",
        "likelihood": 4,
        "impact": 4,
        "existing_controls": "匯出功能限維運主管",
        "control_items": ["pd-3.2.1", "pd-6.1.1"],
        "treatment": "reduce",
        "residual": (2, 4),
        "owner": "楊雅雯",
    },
    {
        "scope": "activity",
        "target": "員工人事資料",
        "activity": "disposal",
        "threat": "leakage",
        "description": "離職人員紙本人事資料未以碎紙機銷毀即丟棄。",
        "likelihood": 2,
        "impact": 3,
        "existing_controls": "上鎖檔案櫃、銷毀紀錄表",
        "treatment": "reduce",
        "residual": (1, 3),
        "owner": "鄭惠如",
    },
    {
        "scope": "activity",
        "target": "晨光觀光旅館訂房系統維修工單",
        "activity": "storage",
        "threat": "leakage",
        "description": "工單附件含旅客姓名、入住日期，結案後未依約於 30 日內刪除。",
        "likelihood": 3,
        "impact": 3,
        "existing_controls": "工單系統權限限專案成員",
        "control_items": ["pd-5.1.4"],
        "treatment": "reduce",
        "residual": (1, 3),
        "owner": "王怡君",
    },
]
RISK_ACTIONS = [
    ("好日子購物會員資料", "客服及維運後台匯出改為遮罩並需主管線上核准", "許家豪", 30, False),
    ("好日子購物電商會員資料庫", "啟用資料庫稽核日誌並串接 SIEM 告警", "楊雅雯", -20, True),
    ("晨光觀光旅館訂房系統維修工單", "工單系統設定結案 30 日後自動刪除附件", "王怡君", 14, False),
]


def load_risks(cast: Cast, inventory: Mapping[str, Any]) -> int:
    from shouhu.risk import services as risk

    created = {}
    for spec in RISKS:
        data = {
            k: v for k, v in spec.items() if k not in ("target", "residual", "reassess", "accepted_days_ago")
        }
        if spec["scope"] == "system":
            data["system"] = inventory["systems"][spec["target"]]
        else:
            data["file"] = inventory["files"][spec["target"]]
        data["residual_likelihood"], data["residual_impact"] = spec["residual"]
        data["assessed_on"] = _days(-60)
        data["next_review"] = _days(305)
        if "accepted_days_ago" in spec:
            data["accepted_on"] = _days(-spec["accepted_days_ago"])
        item = risk.create_risk(actor=cast.officer, data=data)
        created[spec["target"]] = item
        if "reassess" in spec:
            changes = dict(spec["reassess"])
            note = changes.pop("note")
            risk.reassess(actor=cast.officer, risk=item, data=changes, note=note)
    for target, text, owner, due, done in RISK_ACTIONS:
        action = risk.add_action(
            actor=cast.officer,
            risk=created[target],
            data={"description": text, "owner": owner, "due_date": _days(due)},
        )
        if done:
            risk.complete_action(actor=cast.officer, action=action)
    return len(created)


# --- self-check and internal audit ------------------------------------------------------------------------

C, P, N = "conform", "partial", "nonconform"
# item: (result, explanation, ticked, blanks); an item with result "na" carries its reason as explanation.
ANSWERS: dict[str, tuple[str, str, list[str], dict[str, dict[str, Any]]]] = {
    "pd-1.1.1": (
        C,
        "由總經理指派法遵長擔任個資安全總負責人，並經董事會備查。",
        ["o1"],
        {"o1": {"b1": "法遵長"}},
    ),
    "pd-1.1.2": (C, "《個資保護管理辦法》明定各部門權責，每年於管理審查會議傳達。", ["o1", "o2", "o3"], {}),
    "pd-1.2.1": (C, "法務暨法遵部置個資管理專員 1 名，各部門指定聯絡窗口。", ["o1"], {}),
    "pd-2.1.1": (C, "員工、應徵者及客戶承辦人均於蒐集時提供告知事項。", ["o1"], {}),
    "pd-2.2.1": (C, "已盤點員工、客戶承辦人、受託處理及維修接觸之個資。", ["o1", "o2", "o4", "o5"], {}),
    "pd-2.2.2": (C, "個資盤點表以法務部特定目的及類別代碼敘明。", ["o1", "o2"], {}),
    "pd-2.3.1": (C, "每半年以個資盤點表清查各流程表單並更新筆數。", ["o1", "o2", "o3"], {}),
    "pd-3.1.1": (C, "已就內部系統及代管之客戶系統完成風險評估。", ["o1", "o2"], {}),
    "pd-3.1.2": (C, "已就加工、內外部傳輸、保管及廢棄作業評估風險。", ["o1", "o2", "o3", "o4", "o5"], {}),
    "pd-3.2.1": (
        C,
        "依風險評估清冊訂定各作業之管理方式。",
        ["o1", "o4", "o5"],
        {
            "o1": {"b1": "正式資料不得於個人電腦加工，除錯以遮罩資料進行"},
            "o4": {"b1": "資料庫加密、存取權限最小化"},
            "o5": {"b1": "紙本碎紙機銷毀、電子檔以安全刪除工具刪除並記錄"},
        },
    ),
    "pd-4.1.1": (C, "已訂定個資事故應變程序及流程圖，每年演練一次。", ["o1", "o2", "o3"], {}),
    "pd-4.2.1": (
        C,
        "通報程序依數位經濟辦法及個資法規定。",
        ["o1", "o3"],
        {"o1": {"b1": "知悉後 72 小時內"}, "o3": {"b1": "數位發展部"}},
    ),
    "pd-4.2.2": (
        C,
        "委託契約約定知悉事故後 24 小時內通知委託者，並協助通知其消費者。",
        ["o1", "o2", "o3"],
        {"o3": {"b1": "知悉後 24 小時內（依契約）"}},
    ),
    "pd-4.3.1": (C, "應變流程含通報、通知、調查及補救。", ["o1", "o2", "o3", "o4", "o5", "o6"], {}),
    "pd-4.3.2": (C, "事故後以矯正措施單追蹤改善。", ["o1", "o2"], {}),
    "pd-5.1.1": (C, "個資盤點表記載各檔案之蒐集方式及告知方式。", ["o1", "o2", "o3"], {}),
    "pd-5.1.2": (C, "處理方式記載於個資盤點表生命週期欄位。", ["o1", "o2"], {}),
    "pd-5.1.3": (C, "本公司不以所保有之個資從事行銷。", ["o1"], {}),
    "pd-5.1.4": (C, "每年檢視特定目的及保存期限，屆滿者刪除並記錄。", ["o1", "o2"], {}),
    "pd-5.2.1": (C, "告知事項載明當事人權利及不提供之影響。", ["o1", "o2"], {}),
    "pd-5.2.2": (P, "已訂定受理程序，但未以流程圖或書面公開使當事人知悉。", ["o1"], {}),
    "pd-5.3.1": (C, "本公司保有及代管之個資均存放於臺灣境內。", ["o4"], {}),
    "pd-5.3.2": ("na", "本公司無國際／境外傳輸。", [], {}),
    "pd-5.3.3": ("na", "本公司無國際／境外傳輸。", [], {}),
    "pd-5.4.1": (
        N,
        "薪資計算及異地備份委外廠商已簽訂保密條款，但本年度尚未對受託者進行稽核。",
        ["o1", "o3"],
        {},
    ),
    "pd-5.5.1": (C, "個資保護管理辦法訂有業務終止時之刪除及移轉程序。", ["o1", "o2", "o3", "o4", "o5"], {}),
    "pd-5.5.2": (C, "個資保護管理辦法訂有法人格消滅時之處理程序。", ["o1", "o2", "o3", "o4", "o5"], {}),
    "pd-5.5.3": (C, "個資保護管理辦法訂有移轉程序。", ["o1", "o2", "o3", "o4"], {}),
    "pd-6.1.1": (
        C,
        "資料庫及筆電加密、備份加密、傳輸採 TLS 1.2 以上、MFA。",
        ["o1", "o2", "o3", "o4", "o5"],
        {},
    ),
    "pd-6.1.2": (
        C,
        "防火牆、防毒、每季弱點掃描；測試環境僅用假資料。",
        ["o1", "o2", "o3", "o4", "o5", "o6", "o7", "o8"],
        {},
    ),
    "pd-6.1.3": (
        N,
        "代管之電商平台更新時未留存更新紀錄，亦無異動偵測機制。",
        [],
        {},
    ),
    "pd-6.2.1": (
        C,
        "員工簽署保密切結書，門禁卡管制，離職時收回設備及帳號。",
        ["o1", "o2", "o3", "o4", "o5"],
        {},
    ),
    "pd-6.2.2": (P, "遠端工作以 VPN 連線並保留存取紀錄，但尚無資料返還紀錄。", ["o1"], {}),
    "pd-7.1": (
        C,
        "每年辦理全體員工個資及資安教育訓練並留存簽到及測驗紀錄。",
        ["o1", "o2", "o3"],
        {
            "o1": {"b1": "個資法、本公司個資保護管理辦法、社交工程防範"},
            "o2": {"b1": "每年1次"},
            "o3": {"b1": "到職訓練及年度訓練，線上測驗 80 分以上通過"},
        },
    ),
    "pd-7.2": (C, "簽約前提供客戶個資安全維護措施說明書。", ["o1", "o2"], {}),
    "pd-8.1": (C, "機房門禁及監視、設備報廢以消磁或實體破壞。", ["o1", "o2", "o3", "o4"], {}),
    "pd-9.1": (
        P,
        "個資使用紀錄及系統日誌保存 5 年；跳板機錄影僅保存 1 年，短於本公司規定。",
        ["o1", "o2", "o4", "o6"],
        {"o6": {"b1": 1}},
    ),
    "pd-9.2": (C, "刪除及移轉均填寫銷毀紀錄表並由主管簽核。", ["o1", "o2"], {}),
    "pd-10.1": (C, "每年辦理內部稽核一次，並提出稽核報告及改善追蹤。", ["o1", "o3", "o4"], {"o1": {"b1": 1}}),
    "pd-10.2": ("na", "本公司目前無委託第三方稽核之需求，依年度內部稽核辦理。", [], {}),
    "pd-11.1": (C, "管理審查每年檢視本計畫並以 PDCA 持續改善。", ["o1", "o2", "o3"], {}),
}
AUDIT_ANSWERS = {
    "pd-1.1.1": (C, "個資安全總負責人由法遵長擔任，經總經理指派。", ["o1"], {"o1": {"b1": "法遵長"}}),
    "pd-1.2.1": (C, "個資管理專員 1 名，職務說明書明確。", ["o1"], {}),
    "pd-2.3.1": (C, "個資盤點表本季已更新筆數。", ["o1", "o2"], {}),
    "pd-5.2.2": (P, "受理程序仍未公開於官網（前次自我檢查缺失尚未改善）。", ["o1"], {}),
    "pd-6.1.2": (C, "抽查測試環境，未發現真實個資。", ["o6"], {}),
}
CORRECTIVE: dict[str, dict[str, Any]] = {
    "pd-5.4.1": {
        "cause": "委外管理程序未排定年度稽核時程，且無負責人追蹤。",
        "similar": "異地備份服務商、薪資計算服務商均未稽核。",
        "measures": "訂定受託者稽核計畫，本季內完成兩家受託者之書面稽核及現場訪查。",
        "owner_key": "officer",
        "due_days": -10,
    },
    "pd-6.1.3": {
        "cause": "代管之電商平台更新由客戶自行部署，未納入本公司變更管理。",
        "similar": "北區醫療掛號系統亦由客戶自行更新。",
        "measures": "導入檔案完整性監控（FIM），並與客戶約定更新須經本公司變更管理並留存紀錄。",
        "owner_key": "security",
        "due_days": 45,
    },
}


def _answer_all(cast: Cast, assessment: Any, answers: Mapping[str, tuple[str, str, list[str], Any]]) -> None:
    from shouhu.assessment import services as assessment_services

    versions = dict(assessment.answers.values_list("item_id", "version"))
    for item_id, (result, explanation, ticked, blanks) in answers.items():
        data: dict[str, Any] = {"ticked": ticked, "blanks": blanks, "explanation": explanation}
        if result == "na":
            data.update(applicable=False, na_reason=explanation, explanation="")
        else:
            data["result"] = result
        assessment_services.save_answer(
            actor=cast.officer, assessment=assessment, item_id=item_id, data=data, version=versions[item_id]
        )


def load_assessments(cast: Cast, company_name: str) -> dict[str, int]:
    from shouhu.assessment import findings as finding_services
    from shouhu.assessment import services as assessment_services
    from shouhu.assessment.models import ActionState

    self_check = assessment_services.create_assessment(
        actor=cast.officer,
        data={
            "kind": "self",
            "tables": "pd",
            "company_name": company_name,
            "assessed_on": _days(-45),
            "scope": "全公司，含受託處理之好日子購物、北區醫療代管系統。",
        },
        assessors=cast.assessors,
    )
    _answer_all(cast, self_check, ANSWERS)
    assessment_services.complete(actor=cast.officer, assessment=self_check)
    findings = {f.item_id: f for f in self_check.findings.all()}
    actors = {"officer": cast.officer, "security": cast.security}
    for item_id, spec in CORRECTIVE.items():
        action = finding_services.create_action(
            actor=cast.officer,
            finding=findings[item_id],
            data={
                "cause": spec["cause"],
                "similar": spec["similar"],
                "measures": spec["measures"],
                "owner": actors[spec["owner_key"]],
                "due_on": _days(spec["due_days"]),
            },
        )
        finding_services.transition_action(actor=cast.officer, action=action, to=ActionState.IN_PROGRESS)
    from shouhu.law import services as law
    from shouhu.law.models import Obligation

    obligation = Obligation.objects.filter(key="self-check-internal-audit", active=True).first()
    if obligation is not None:
        law.complete(
            actor=cast.officer,
            obligation=obligation,
            done_on=self_check.assessed_on,
            note=f"完成附錄一自我檢查（#{self_check.pk}），缺失 {len(findings)} 項已列入矯正措施追蹤",
        )
    audit = assessment_services.create_assessment(
        actor=cast.officer,
        data={
            "kind": "internal",
            "tables": "both",
            "company_name": company_name,
            "assessed_on": _days(-3),
            "scope": "年度內部稽核：個資保護及資訊安全管理措施（附錄一、附錄二）。",
        },
        assessors=[cast.auditor] if cast.auditor.pk != cast.officer.pk else [],
    )
    _answer_all(cast, audit, AUDIT_ANSWERS)
    finding_services.create_finding(
        actor=cast.auditor,
        assessment=audit,
        data={
            "title": "跳板機錄影保存期間短於個資保護管理辦法規定之 5 年",
            "description": "抽查維運跳板機設定，錄影檔保存 1 年即自動刪除。",
            "severity": "medium",
            "item_id": "pd-9.1",
        },
    )
    return {"assessments": 2, "findings": len(findings) + 1, "actions": len(CORRECTIVE)}


# --- incidents --------------------------------------------------------------------------------------------


def load_incidents(cast: Cast, clients: Mapping[str, Client], systems: Mapping[str, Any]) -> int:
    from shouhu.incidents import services as incidents
    from shouhu.incidents.models import State

    ecommerce = clients[ECOMMERCE]
    database = systems["好日子購物電商會員資料庫"]
    drill = incidents.report_incident(
        actor=cast.security,
        data={
            "title": "年度事故應變演練：電商會員資料庫疑遭未授權存取",
            "is_drill": True,
            "occurred_at": _at(-70, 8, 30),
            "discovered_at": _at(-70, 9, 0),
            "aware_at": _at(-70, 9, 20),
            "confirmed_at": _at(-70, 15, 0),
            "handling_ended_at": _at(-69, 17, 0),
            "kinds": ["leak"],
            "general_records": 1_200,
            "affected_systems": database.name,
            "system_ids": [database.pk],
            "summary": "（演練情境）SIEM 告警管理帳號於非上班時間自境外 IP 大量查詢會員資料表。",
            "damage": "（演練情境）推估 1,200 筆會員姓名、電話、地址外洩。",
            "consequences": "詐騙電話、假冒客服",
            "measures_taken": "停用該管理帳號、封鎖來源 IP、保全日誌、通知委託者。",
            "measures_planned": "全面更換管理帳號密碼、導入 MFA。",
            "subject_notice_plan": "由委託者以簡訊及電子郵件通知受影響會員。",
            "serious": True,
            "contract_notice_hours": 24,
        },
        clients=[ecommerce],
    )
    for row in drill.deadlines.filter(active=True):
        met_at = max(row.due_at - dt.timedelta(hours=2), drill.aware_at or drill.discovered_at)
        incidents.mark_deadline_met(
            actor=cast.security, deadline=row, met_at=met_at, document="演練：通報及通知書面（表 2）"
        )
    for task in drill.tasks.all():
        incidents.set_task_done(actor=cast.security, task=task, done=True)
    incidents.add_timeline(
        actor=cast.security,
        incident=drill,
        text="演練檢討會議：通報流程順暢；發現委託者窗口夜間聯繫不易，已請委託者提供第二聯絡人。",
        at=_at(-68, 10, 0),
    )
    incidents.transition(actor=cast.security, incident=drill, to=State.CLOSED)

    now = timezone.now()
    live = incidents.report_incident(
        actor=cast.security,
        data={
            "title": "好日子購物會員資料庫異常大量查詢",
            "occurred_unknown": True,
            "discovered_at": now - dt.timedelta(minutes=90),
            "aware_at": now - dt.timedelta(hours=1),
            "kinds": ["leak"],
            "records_unknown": True,
            "affected_systems": database.name,
            "system_ids": [database.pk],
            "summary": "資料庫稽核日誌告警：客服後台帳號於凌晨自非常用 IP 大量匯出會員資料，疑似帳號遭盜用。",
            "consequences": "可能遭用於詐騙電話或假冒客服",
            "measures_taken": "已停用該客服帳號、封鎖來源 IP、保全資料庫稽核日誌。",
            "measures_planned": "調查匯出範圍、通知委託者、評估通報主管機關。",
            "serious": True,
            "contract_notice_hours": 24,
            "owner": cast.security,
        },
        clients=[ecommerce],
    )
    incidents.add_timeline(
        actor=cast.security,
        incident=live,
        text="已電話通知好日子購物資訊部周經理，正式書面通知待初步調查後寄出。",
    )
    for task in live.tasks.all():
        if task.title.startswith(("止血：限縮客戶帳號存取權限", "調查：調取 log")):
            incidents.set_task_done(actor=cast.security, task=task, done=True)
    return 2


def load_all(
    *,
    cast: Cast,
    company_name: str,
    departments: Mapping[str, Department],
    clients: Mapping[str, Client],
) -> dict[str, int]:
    """Load the living demo in dependency order; returns counts for the summary."""
    counts = {"obligations": load_law(cast, clients)}
    inventory = load_inventory(cast, departments, clients)
    counts["systems"] = len(inventory["systems"])
    counts["files"] = len(inventory["files"])
    counts["risks"] = load_risks(cast, inventory)
    counts.update(load_assessments(cast, company_name))
    counts["incidents"] = load_incidents(cast, clients, inventory["systems"])
    return counts


def summary(counts: Mapping[str, int]) -> str:
    labels = {
        "obligations": "法遵行事曆項目",
        "systems": "系統與資產",
        "files": "個人資料檔案",
        "risks": "風險",
        "assessments": "自我檢查與稽核",
        "findings": "缺失",
        "actions": "矯正措施",
        "incidents": "事故（含演練）",
    }
    parts = [f"{labels[k]} {v}" for k, v in counts.items() if k in labels]
    return "、".join(parts)
