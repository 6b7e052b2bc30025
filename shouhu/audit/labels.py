"""Audit action codes as people read them: 「inventory.personaldatafile.updated」 → 「修改個人資料檔案」.

The codes stay in the log (they are what filters and exports match on); pages show the label. Records
written through ``audit.records`` carry ``<app>.<model>.<verb>``: their label is the verb with the model's
own name, so a new model needs no entry here. Every other code is named in ``ACTIONS``;
``tests/audit/test_labels.py`` fails when a code written anywhere in ``shouhu/`` has no label.
"""

from __future__ import annotations

from django.apps import apps
from django.utils.functional import Promise
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

# <app>.<model>.<verb> written by audit.records (create_record / update_record / delete_record, links).
VERBS: dict[str, Promise] = {
    "created": _("新增{model}"),
    "updated": _("修改{model}"),
    "deleted": _("刪除{model}"),
    "links_updated": _("修改{model}的關聯"),
}

ACTIONS: dict[str, Promise] = {
    # Sign-in and accounts
    "auth.login": pgettext_lazy("audit action", "登入"),
    "auth.login_failed": pgettext_lazy("audit action", "登入失敗"),
    "auth.logout": pgettext_lazy("audit action", "登出"),
    "auth.lockout": pgettext_lazy("audit action", "帳號鎖定"),
    "auth.lockout_released": pgettext_lazy("audit action", "解除帳號鎖定"),
    "auth.mfa_enabled": pgettext_lazy("audit action", "啟用兩步驟驗證"),
    "auth.mfa_disabled": pgettext_lazy("audit action", "停用兩步驟驗證"),
    "auth.mfa_recovery_code_used": pgettext_lazy("audit action", "使用兩步驟驗證復原碼"),
    "auth.password_changed": pgettext_lazy("audit action", "變更密碼"),
    "accounts.role_assigned": pgettext_lazy("audit action", "指派角色"),
    "accounts.role_ended": pgettext_lazy("audit action", "結束角色"),
    "accounts.user_created": pgettext_lazy("audit action", "建立帳號"),
    "accounts.user_updated": pgettext_lazy("audit action", "修改帳號"),
    "accounts.login_disabled": pgettext_lazy("audit action", "停用登入（帳號、連線及 API 權杖）"),
    "api.token_created": pgettext_lazy("audit action", "建立 API 權杖"),
    "api.token_revoked": pgettext_lazy("audit action", "撤銷 API 權杖"),
    "organization.designation_role_synced": pgettext_lazy("audit action", "依指定人員同步角色"),
    "system.backup_created": pgettext_lazy("audit action", "建立備份"),
    "demo.loaded": pgettext_lazy("audit action", "載入示範資料"),
    # Audit log, evidence and jobs
    "audit.exported": pgettext_lazy("audit action", "匯出稽核紀錄"),
    "evidence.stored": pgettext_lazy("audit action", "存入佐證檔案"),
    "evidence.download": pgettext_lazy("audit action", "下載佐證檔案"),
    "evidence.export": pgettext_lazy("audit action", "匯出佐證檔案"),
    "evidence.deleted": pgettext_lazy("audit action", "刪除佐證檔案"),
    "evidence.legal_hold": pgettext_lazy("audit action", "設定佐證檔案法律保全"),
    "evidence.retention_extended": pgettext_lazy("audit action", "延長佐證檔案保存期限"),
    "jobs.enqueued": pgettext_lazy("audit action", "排入背景工作"),
    "jobs.failed": pgettext_lazy("audit action", "背景工作失敗"),
    "jobs.worker_lost": pgettext_lazy("audit action", "背景工作程序中斷"),
    # Law and calendar
    "law.feed_token_issued": pgettext_lazy("audit action", "發行行事曆訂閱連結"),
    "law.feed_token_revoked": pgettext_lazy("audit action", "撤銷行事曆訂閱連結"),
    "law.obligation_added": pgettext_lazy("audit action", "新增法遵事項"),
    "law.obligation_updated": pgettext_lazy("audit action", "修改法遵事項"),
    "law.obligation_reactivated": pgettext_lazy("audit action", "恢復法遵事項"),
    "law.obligation_retired": pgettext_lazy("audit action", "停用法遵事項"),
    "law.reminder_sent": pgettext_lazy("audit action", "寄出法遵提醒"),
    # Inventory
    "inventory.export": pgettext_lazy("audit action", "匯出盤點資料"),
    "inventory.exported_csv": pgettext_lazy("audit action", "匯出個人資料檔案（CSV）"),
    "inventory.exported_xlsx": pgettext_lazy("audit action", "匯出個人資料檔案（XLSX）"),
    "inventory.systems_exported": pgettext_lazy("audit action", "匯出資訊系統清冊"),
    "inventory.flow_exported": pgettext_lazy("audit action", "匯出資料流程圖"),
    "inventory.moj_code_seeded": pgettext_lazy("audit action", "依法務部代碼清單載入或更新代碼"),
    "inventory.import_staged": pgettext_lazy("audit action", "上傳待匯入資料"),
    "inventory.import_row_fixed": pgettext_lazy("audit action", "修正匯入資料列"),
    "inventory.import_cancelled": pgettext_lazy("audit action", "取消匯入"),
    "inventory.import_interrupted": pgettext_lazy("audit action", "匯入中斷"),
    "inventory.import_confirmed.files": pgettext_lazy("audit action", "匯入個人資料檔案"),
    "inventory.import_confirmed.systems": pgettext_lazy("audit action", "匯入資訊系統"),
    "inventory.import_confirmed.risks": pgettext_lazy("audit action", "匯入風險"),
    "imports.staged": pgettext_lazy("audit action", "上傳待匯入資料"),
    "imports.row_fixed": pgettext_lazy("audit action", "修正匯入資料列"),
    "imports.column_added": pgettext_lazy("audit action", "新增匯入欄位"),
    "imports.cancelled": pgettext_lazy("audit action", "取消匯入"),
    "imports.interrupted": pgettext_lazy("audit action", "匯入中斷"),
    "imports.confirmed.files": pgettext_lazy("audit action", "匯入個人資料檔案"),
    "imports.confirmed.systems": pgettext_lazy("audit action", "匯入資訊系統"),
    "imports.confirmed.risks": pgettext_lazy("audit action", "匯入風險"),
    # Risk
    "risk.exported_xlsx": pgettext_lazy("audit action", "匯出風險評估表"),
    # Self-check and corrective actions
    "assessment.draft": pgettext_lazy("audit action", "自評退回草稿"),
    "assessment.in_progress": pgettext_lazy("audit action", "開始自評"),
    "assessment.completed": pgettext_lazy("audit action", "完成自評"),
    "assessment.reviewed": pgettext_lazy("audit action", "審查自評"),
    "assessment.revised": pgettext_lazy("audit action", "修訂自評"),
    "assessment.revision_created": pgettext_lazy("audit action", "建立自評修訂版"),
    "assessment.answer_saved": pgettext_lazy("audit action", "儲存自評答案"),
    "assessment.answer_carried_forward": pgettext_lazy("audit action", "沿用上次自評答案"),
    "assessment.assessors_set": pgettext_lazy("audit action", "指定自評人員"),
    "assessment.evidence_attached": pgettext_lazy("audit action", "附加自評佐證"),
    "assessment.evidence_linked": pgettext_lazy("audit action", "連結自評佐證"),
    "assessment.evidence_unlinked": pgettext_lazy("audit action", "移除自評佐證連結"),
    "assessment.exported": pgettext_lazy("audit action", "匯出自評結果"),
    "assessment.actions_exported": pgettext_lazy("audit action", "匯出矯正措施"),
    "assessment.finding_created": pgettext_lazy("audit action", "登錄缺失"),
    "assessment.review_commented": pgettext_lazy("audit action", "填寫審查意見"),
    "assessment.action_draft": pgettext_lazy("audit action", "矯正措施退回草稿"),
    "assessment.action_in_progress": pgettext_lazy("audit action", "矯正措施開始執行"),
    "assessment.action_awaiting_review": pgettext_lazy("audit action", "矯正措施送審有效性"),
    "assessment.action_closed": pgettext_lazy("audit action", "矯正措施結案"),
    "assessment.action_reopened": pgettext_lazy("audit action", "矯正措施重新開啟"),
    # Incidents
    "incidents.incident_reported": pgettext_lazy("audit action", "通報事件"),
    "incidents.incident_updated": pgettext_lazy("audit action", "修改事件"),
    "incidents.incident_state": pgettext_lazy("audit action", "變更事件狀態"),
    "incidents.triaged": pgettext_lazy("audit action", "研判疑似事件"),
    "incidents.fact_decided": pgettext_lazy("audit action", "判斷事件事實"),
    "incidents.deadline_added": pgettext_lazy("audit action", "新增法定期限"),
    "incidents.deadline_met": pgettext_lazy("audit action", "完成法定期限"),
    "incidents.deadline_recomputed": pgettext_lazy("audit action", "重新計算法定期限"),
    "incidents.deadline_withdrawn": pgettext_lazy("audit action", "撤回法定期限"),
    "incidents.evidence_attached": pgettext_lazy("audit action", "附加事件佐證"),
    "incidents.timeline_added": pgettext_lazy("audit action", "新增事件歷程"),
    "incidents.task_done": pgettext_lazy("audit action", "完成應變工作"),
    "incidents.reminder_sent": pgettext_lazy("audit action", "寄出期限提醒"),
    "incidents.report_generated": pgettext_lazy("audit action", "產生通報表"),
    "incidents.report_submitted": pgettext_lazy("audit action", "標示已送出主管機關"),
    "incidents.package_built": pgettext_lazy("audit action", "產生附錄三資料包"),
    "incidents.client_notice_drafted": pgettext_lazy("audit action", "草擬委託者通知"),
    "incidents.client_notice_saved": pgettext_lazy("audit action", "儲存委託者通知"),
    "incidents.client_notice_sent": pgettext_lazy("audit action", "寄出委託者通知"),
    "incidents.client_notice_failed": pgettext_lazy("audit action", "委託者通知寄送失敗"),
    "incidents.client_notice_exported": pgettext_lazy("audit action", "匯出委託者通知"),
    "incidents.subject_notice_saved": pgettext_lazy("audit action", "儲存當事人通知"),
    "incidents.subject_notice_sent": pgettext_lazy("audit action", "寄出當事人通知"),
    "incidents.suspect_notified": pgettext_lazy("audit action", "通知疑似事件負責人"),
    "incidents.suspect_notice_failed": pgettext_lazy("audit action", "疑似事件通知寄送失敗"),
    # Scans and masking
    "scans.source_created": pgettext_lazy("audit action", "新增掃描來源"),
    "scans.source_updated": pgettext_lazy("audit action", "修改掃描來源"),
    "scans.source_deleted": pgettext_lazy("audit action", "刪除掃描來源"),
    "scans.source_files_updated": pgettext_lazy("audit action", "更新掃描來源檔案"),
    "scans.run_started": pgettext_lazy("audit action", "開始掃描"),
    "scans.run_finished": pgettext_lazy("audit action", "完成掃描"),
    "scans.run_failed": pgettext_lazy("audit action", "掃描失敗"),
    "scans.file_created_from_run": pgettext_lazy("audit action", "以掃描結果建立個人資料檔案"),
    "scans.inventory_applied": pgettext_lazy("audit action", "以掃描結果更新盤點"),
    "scans.mask_started": pgettext_lazy("audit action", "開始遮罩"),
    "scans.mask_database_started": pgettext_lazy("audit action", "開始產生遮罩副本資料庫"),
    "scans.mask_database_finished": pgettext_lazy("audit action", "完成遮罩副本資料庫"),
    "scans.mask_database_cleaned_up": pgettext_lazy("audit action", "清除中斷的遮罩副本資料庫"),
    # Log monitoring
    "logwatch.source_created": pgettext_lazy("audit action", "新增日誌來源"),
    "logwatch.source_updated": pgettext_lazy("audit action", "修改日誌來源"),
    "logwatch.source_deleted": pgettext_lazy("audit action", "刪除日誌來源"),
    "logwatch.ingest_started": pgettext_lazy("audit action", "開始讀取日誌"),
    "logwatch.ingest_finished": pgettext_lazy("audit action", "完成讀取日誌"),
    "logwatch.ingest_failed": pgettext_lazy("audit action", "讀取日誌失敗"),
    "logwatch.rules_updated": pgettext_lazy("audit action", "修改監控規則"),
    "logwatch.alert_raised": pgettext_lazy("audit action", "產生警示"),
    "logwatch.alert_acknowledged": pgettext_lazy("audit action", "確認警示"),
    "logwatch.alert_assigned": pgettext_lazy("audit action", "指派警示"),
    "logwatch.alert_closed": pgettext_lazy("audit action", "結案警示"),
    "logwatch.alert_to_incident": pgettext_lazy("audit action", "警示轉為事件"),
    "logwatch.blocklist_imported": pgettext_lazy("audit action", "匯入黑名單"),
    "logwatch.blocklist_toggled": pgettext_lazy("audit action", "啟用或停用黑名單"),
    "logwatch.drill_scheduled": pgettext_lazy("audit action", "排定監控演練"),
    "logwatch.drill_injected": pgettext_lazy("audit action", "注入監控演練事件"),
    "logwatch.drill_acknowledged": pgettext_lazy("audit action", "確認監控演練"),
    "logwatch.summary_created": pgettext_lazy("audit action", "產生日誌摘要"),
    # Plan and documents
    "plan.version_generated": pgettext_lazy("audit action", "產生安全維護計畫"),
    "plan.version_approved": pgettext_lazy("audit action", "核定安全維護計畫"),
    "plan.authorisation_filed": pgettext_lazy("audit action", "存檔核定授權文件"),
    "plan.version_superseded": pgettext_lazy("audit action", "安全維護計畫改版"),
    "plan.implementation_report_requested": pgettext_lazy("audit action", "申請產生實施情形報告"),
    "plan.implementation_report_built": pgettext_lazy("audit action", "產生實施情形報告"),
    "documents.version_approved": pgettext_lazy("audit action", "核定文件版本"),
    "documents.version_superseded": pgettext_lazy("audit action", "文件版本改版"),
    "documents.version_read": pgettext_lazy("audit action", "閱讀文件"),
    "documents.acknowledged": pgettext_lazy("audit action", "簽署確認文件"),
    "documents.campaign_started": pgettext_lazy("audit action", "發起文件確認"),
    "documents.campaign_closed": pgettext_lazy("audit action", "結束文件確認"),
    "documents.joiners_added": pgettext_lazy("audit action", "加入新進人員至文件確認"),
    "documents.reminders_sent": pgettext_lazy("audit action", "寄出文件確認提醒"),
    # Training
    "training.attendance_recorded": pgettext_lazy("audit action", "登錄出席"),
    "training.session_held": pgettext_lazy("audit action", "登錄訓練已辦理"),
    "training.assigned": pgettext_lazy("audit action", "指派應受訓練"),
    "training.attendance_imported": pgettext_lazy("audit action", "匯入出席紀錄"),
    # Drills, training and incidents (later additions)
    "drills.results_recorded": pgettext_lazy("audit action", "登錄演練結果"),
    "drills.drill_audience_set": pgettext_lazy("audit action", "指定演練對象"),
    "drills.results_deleted": pgettext_lazy("audit action", "刪除演練結果"),
    "training.materials_downloaded": pgettext_lazy("audit action", "下載教材"),
    "training.materials_set": pgettext_lazy("audit action", "上傳教材"),
    "training.leader_set": pgettext_lazy("audit action", "指定訓練負責人"),
    "training.signin_exported": pgettext_lazy("audit action", "匯出簽到表"),
    "incidents.package_requested": pgettext_lazy("audit action", "申請產生附錄三資料包"),
    # Client contracts
    "contracts.term_set": pgettext_lazy("audit action", "登錄契約條款"),
    "contracts.audit_recorded": pgettext_lazy("audit action", "登錄委託者稽核"),
    "contracts.audit_finding_added": pgettext_lazy("audit action", "登錄委託者稽核發現"),
    "contracts.clientcontract.systems_set": pgettext_lazy("audit action", "指定契約涵蓋之系統"),
    "contracts.assurance_pack_requested": pgettext_lazy("audit action", "要求產生資安保證資料包"),
    "contracts.assurance_pack_built": pgettext_lazy("audit action", "產生資安保證資料包"),
    # People and access
    "people.reviewers_set": pgettext_lazy("audit action", "指派權限審查人"),
    "people.accounts_imported": pgettext_lazy("audit action", "匯入受審帳號清單"),
    "people.account_decided": pgettext_lazy("audit action", "決定帳號存取權限"),
    "people.review_closed": pgettext_lazy("audit action", "權限審查結案"),
    "people.review_exported": pgettext_lazy("audit action", "匯出權限審查結果"),
    "people.followup_done": pgettext_lazy("audit action", "完成權限撤銷或調整"),
    "people.offboarding_item_resolved": pgettext_lazy("audit action", "登錄離職檢核項目"),
    "people.offboarding_closed": pgettext_lazy("audit action", "完成離職檢核"),
    "people.reminders_sent": pgettext_lazy("audit action", "寄出人員及存取權限提醒"),
    # Data-subject requests
    "requests.opened": pgettext_lazy("audit action", "受理當事人請求"),
    "requests.identity_verified": pgettext_lazy("audit action", "確認請求人身分"),
    "requests.data_located": pgettext_lazy("audit action", "查找當事人資料"),
    "requests.explanation_recorded": pgettext_lazy("audit action", "登錄請求說明"),
    "requests.extended": pgettext_lazy("audit action", "延長請求處理期限"),
    "requests.fee_recorded": pgettext_lazy("audit action", "登錄請求費用"),
    "requests.forwarded": pgettext_lazy("audit action", "轉交委託者"),
    "requests.granted": pgettext_lazy("audit action", "准予請求"),
    "requests.refused": pgettext_lazy("audit action", "駁回請求"),
    "requests.withdrawn": pgettext_lazy("audit action", "撤回請求"),
    "requests.instruction_logged": pgettext_lazy("audit action", "登錄委託者指示"),
    "requests.marketing_suppressed": pgettext_lazy("audit action", "加入拒絕行銷名單"),
    "requests.suppression_exported": pgettext_lazy("audit action", "匯出拒絕行銷名單"),
    "requests.recipient_notice_opened": pgettext_lazy("audit action", "開始通知曾提供之對象"),
    "requests.recipient_notice_done": pgettext_lazy("audit action", "完成通知曾提供之對象"),
    "requests.reminder_sent": pgettext_lazy("audit action", "寄出請求期限提醒"),
    "requests.intake_link_issued": pgettext_lazy("audit action", "發行線上申請連結"),
    "requests.intake_link_closed": pgettext_lazy("audit action", "關閉線上申請連結"),
    # Transfers, retention and processors
    "thirdparties.batch_started": pgettext_lazy("audit action", "開始保存批次"),
    "thirdparties.batch_disposed": pgettext_lazy("audit action", "銷毀保存批次"),
    "thirdparties.disposal_recorded": pgettext_lazy("audit action", "登錄刪除或銷毀"),
    "thirdparties.certificate_issued": pgettext_lazy("audit action", "開立刪除證明"),
    "thirdparties.contract_item_set": pgettext_lazy("audit action", "登錄契約事項"),
    "thirdparties.supervision_recorded": pgettext_lazy("audit action", "登錄受託者監督"),
    "thirdparties.questionnaire_sent": pgettext_lazy("audit action", "寄出受託者問卷"),
    "thirdparties.questionnaire_created": pgettext_lazy("audit action", "發出受託者問卷"),
    "thirdparties.questionnaire_answered": pgettext_lazy("audit action", "受託者填覆問卷"),
    "thirdparties.purge_reminder_sent": pgettext_lazy("audit action", "寄出保存期限屆滿提醒"),
}


def _model_name(label: str) -> str | None:
    try:
        name = apps.get_model(label)._meta.verbose_name
    except (LookupError, ValueError):
        return None
    # Some models name themselves with a plain string: look it up in the catalogue all the same.
    return gettext(str(name))


# Codes that end in a variable part (an import's kind): the words for the family.
PREFIXES: dict[str, Promise] = {
    "imports.confirmed.": pgettext_lazy("audit action", "確認匯入"),
}


def action_label(code: str) -> str:
    """The words for an audit action code in the current language; the code itself when it has none."""
    if code in ACTIONS:
        return str(ACTIONS[code])
    for prefix, label in PREFIXES.items():
        if code.startswith(prefix):
            return str(label)
    head, _dot, verb = code.rpartition(".")
    if verb in VERBS and head.count(".") == 1:
        model = _model_name(head)
        if model is not None:
            if model[1:2].islower():  # 「Edited personal-data file」, but 「Edited API token」
                model = model[0].lower() + model[1:]
            return str(VERBS[verb]).format(model=model)
    return code


# Who acted when no user did: the label the audit service writes for a system actor (the request channel, or a
# name a command passes), in words; a person's label is their username and is shown as written.
SYSTEM_ACTORS: dict[str, Promise] = {
    "cli": pgettext_lazy("audit actor", "命令列"),
    "system": pgettext_lazy("audit actor", "系統（背景工作）"),
    "web": pgettext_lazy("audit actor", "網頁（未登入）"),
    "public": pgettext_lazy("audit actor", "公開頁面（未登入）"),
    "api": pgettext_lazy("audit actor", "API（未登入）"),
    "demo": pgettext_lazy("audit actor", "示範資料載入"),
}


def actor_label(label: str, *, system: bool) -> str:
    """A system actor (``system``: no user) in words in the current language; anyone else as written."""
    return str(SYSTEM_ACTORS[label]) if system and label in SYSTEM_ACTORS else label


def object_type_label(object_type: str) -> str:
    """A model's name for an ``app.model`` object type; the type itself for anything else."""
    if object_type.count(".") != 1:
        return object_type
    return _model_name(object_type) or object_type
