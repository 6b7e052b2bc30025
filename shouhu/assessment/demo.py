"""Demo piece of the self-check: a completed 附錄一 self-check with findings and actions, and an internal audit in progress."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_noop

from shouhu.core.demo import Cast, DemoContext, days, step
from shouhu.core.messages import compose, define

# The demo self-check's note on the compliance calendar (shown in the reader's language).
DEMO_NOTE = define(
    "assessment.demo_note", gettext_noop("完成附錄一自我檢查（#{pk}），缺失 {findings} 項已列入矯正措施追蹤")
)

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
            "assessed_on": days(-45),
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
                "due_on": days(spec["due_days"]),
            },
        )
        finding_services.transition_action(actor=cast.officer, action=action, to=ActionState.IN_PROGRESS)
    from shouhu.law import services as law

    law.complete_from_record(
        actor=cast.officer,
        key="self-check-internal-audit",
        done_on=self_check.assessed_on,
        note=compose(DEMO_NOTE, pk=self_check.pk, findings=len(findings)),
    )
    audit = assessment_services.create_assessment(
        actor=cast.officer,
        data={
            "kind": "internal",
            "tables": "both",
            "company_name": company_name,
            "assessed_on": days(-3),
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


@step(order=40)
def load(ctx: DemoContext) -> None:
    counts = load_assessments(ctx.cast, ctx.company_name)
    ctx.count("assessments", "自我檢查與稽核", counts["assessments"])
    ctx.count("findings", "缺失", counts["findings"])
    ctx.count("actions", "矯正措施", counts["actions"])
