"""Demo piece of the risk register: risks with treatments, a named acceptance and a reassessment."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from shouhu.core.demo import Cast, DemoContext, days, step

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
        data["assessed_on"] = days(-60)
        data["next_review"] = days(305)
        if "accepted_days_ago" in spec:
            data["accepted_on"] = days(-spec["accepted_days_ago"])
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
            data={"description": text, "owner": owner, "due_date": days(due)},
        )
        if done:
            risk.complete_action(actor=cast.officer, action=action)
    return len(created)


@step(order=30)
def load(ctx: DemoContext) -> None:
    ctx.count("risks", "風險", load_risks(ctx.cast, ctx.shared["inventory"]))
