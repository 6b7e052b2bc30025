"""Demo piece of the inventory: systems, personal-data files, a flow and notices."""

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
from shouhu.organization.models import Client, Department

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
            counted_on=days(-spec["counted_days_ago"]),
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


@step(order=20)
def load(ctx: DemoContext) -> None:
    inventory = load_inventory(ctx.cast, ctx.departments, ctx.clients)
    ctx.shared["inventory"] = inventory
    ctx.count("systems", "系統與資產", len(inventory["systems"]))
    ctx.count("files", "個人資料檔案", len(inventory["files"]))
