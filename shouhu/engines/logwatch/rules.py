"""The detection rules: what each looks for, in words, and the thresholds a user may tune.

Each rule is data (``Rule``) plus an accumulator in ``detect.py``. Thresholds have a default, a unit and
an allowed range; ``settings_for`` checks user values against those ranges (zh-TW messages).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Param:
    key: str
    label_zh: str
    label_en: str
    default: int
    minimum: int
    maximum: int
    unit_zh: str = ""
    unit_en: str = ""


@dataclass(frozen=True)
class Rule:
    id: str
    title_zh: str
    title_en: str
    explain_zh: str
    explain_en: str
    severity: str  # high | medium | low
    params: tuple[Param, ...] = ()
    basis_zh: str = "資訊服務業者落實個人資料保護暨資訊安全參考指引 附錄二 2.2.1–2.2.2；數位經濟相關產業個人資料檔案安全維護管理辦法（pcode K0010162）第 11 條第 2 項（異常存取監控及定期演練）"

    def defaults(self) -> dict[str, int]:
        return {p.key: p.default for p in self.params}


RULES: dict[str, Rule] = {
    r.id: r
    for r in (
        Rule(
            "after_hours",
            "非上班時間存取",
            "Access outside working hours",
            "具名帳號在下班時間或非上班日（依公司行事曆，含國定假日與補班日）大量存取。"
            "同一帳號同一天的非上班時間存取達門檻時，發出一則警示。",
            "A named account works outside office hours or on a day off (company calendar, with public "
            "holidays and make-up working days). One alert per account and day once the threshold is reached.",
            "medium",
            (
                Param("start_hour", "上班開始（時）", "Office hours start (hour)", 8, 0, 23, "時", "h"),
                Param("end_hour", "下班（時）", "Office hours end (hour)", 18, 1, 24, "時", "h"),
                Param(
                    "min_events",
                    "每日非上班時間存取次數門檻",
                    "Events outside hours per day",
                    50,
                    1,
                    10**9,
                    "次",
                    "events",
                ),
            ),
        ),
        Rule(
            "foreign_country",
            "境外或非預期國家來源",
            "Access from outside Taiwan or an unexpected country",
            "具名帳號從臺灣以外（或不在允許清單內）的國家或地區連線。國家依離線 IP 對照資料判斷，"
            "不做任何網路查詢；無法判斷的位址列為「不明」，不視為臺灣。",
            "A named account connects from outside Taiwan or from a country not on the allowed list, by offline "
            "IP-to-country data (no network look-ups). Addresses that cannot be placed are 'unknown', never Taiwan.",
            "high",
            (Param("min_events", "每日次數門檻", "Events per day", 1, 1, 10**9, "次", "events"),),
        ),
        Rule(
            "blocklist",
            "黑名單位址或網域",
            "Blocklisted address or domain",
            "來源 IP 或事件中的網域出現在匯入的黑名單（例如 abuse.ch、TWCERT/CC 提供的 IP、CIDR、網域清單）。",
            "The source address or a domain in the event is on an imported blocklist (IP, CIDR or domain lists "
            "such as abuse.ch or TWCERT/CC feeds).",
            "high",
            (Param("min_events", "每日次數門檻", "Events per day", 1, 1, 10**9, "次", "events"),),
        ),
        Rule(
            "volume",
            "帳號存取量異常",
            "Unusual volume for the account",
            "帳號一天的存取次數、傳輸量或匯出筆數，遠高於它自己過去的基準（中位數）。"
            "過去資料不足的帳號尚無基準，不會以此規則發出警示。",
            "An account's daily events, bytes read or rows exported are far above its own baseline (median of "
            "earlier days). Accounts without enough history have no baseline yet and are not judged by it.",
            "high",
            (
                Param("factor", "超過基準倍數", "Times the baseline", 5, 2, 1000, "倍", "×"),
                Param("history_days", "基準天數", "Baseline days", 28, 3, 366, "天", "days"),
                Param(
                    "min_history", "最少需要的歷史天數", "Minimum days of history", 5, 1, 366, "天", "days"
                ),
                Param("min_mb", "傳輸量下限（MB）", "Floor for bytes (MB)", 50, 0, 10**6, "MB", "MB"),
                Param("min_rows", "匯出筆數下限", "Floor for rows", 1000, 0, 10**9, "筆", "rows"),
                Param("min_events", "存取次數下限", "Floor for events", 500, 0, 10**9, "次", "events"),
            ),
        ),
        Rule(
            "admin_account",
            "新增或提升的管理者帳號",
            "New or elevated administrator account",
            "資料庫建立帳號、授予權限或提升為超級使用者（GRANT、CREATE USER、ALTER ROLE … SUPERUSER），"
            "或有未曾見過的帳號使用管理介面。學習期內出現的帳號列為已知管理者，不發警示。",
            "A database account is created or given more power (GRANT, CREATE USER, ALTER ROLE … SUPERUSER), or an "
            "account never seen before uses the administration pages. Accounts seen during the learning period "
            "are taken as known administrators.",
            "high",
            (Param("learning_days", "學習期（天）", "Learning period (days)", 3, 0, 90, "天", "days"),),
        ),
        Rule(
            "failed_logins",
            "登入失敗暴增",
            "Burst of failed logins",
            "同一來源 IP 或同一帳號在短時間內多次登入失敗（HTTP 401、登入頁 4xx、資料庫驗證失敗），"
            "可能是密碼猜測或撞庫攻擊。",
            "Many failed logins from one address or for one account in a short time (HTTP 401, 4xx on a login "
            "page, database authentication failures): password guessing or credential stuffing.",
            "high",
            (
                Param("threshold", "失敗次數門檻", "Failures", 20, 2, 10**6, "次", "failures"),
                Param("window_minutes", "時間窗（分鐘）", "Window (minutes)", 5, 1, 1440, "分鐘", "min"),
            ),
        ),
        Rule(
            "pd_endpoint",
            "個資端點異常存取",
            "Unusual access to personal-data endpoints",
            "盤點中標示存放個資的端點或資料表：未登入卻成功取得資料，或同一帳號一小時內存取次數超過門檻"
            "（可能為批次爬取或大量下載）。",
            "Endpoints or tables that the inventory marks as holding personal data: data served without a login, "
            "or one account's requests in an hour above the threshold (scraping or bulk download).",
            "high",
            (
                Param(
                    "max_per_hour",
                    "每帳號每小時上限",
                    "Per account per hour",
                    600,
                    1,
                    10**9,
                    "次",
                    "requests",
                ),
            ),
        ),
    )
}


def settings_for(rule_id: str, values: Mapping[str, Any] | None) -> tuple[dict[str, int], dict[str, str]]:
    """Merge user values over the defaults; returns (settings, errors by parameter, in zh-TW)."""
    rule = RULES[rule_id]
    out = rule.defaults()
    errors: dict[str, str] = {}
    for p in rule.params:
        if values is None or p.key not in values or values[p.key] in (None, ""):
            continue
        try:
            number = int(values[p.key])
        except (TypeError, ValueError):
            errors[p.key] = f"「{p.label_zh}」須為整數。"
            continue
        if not p.minimum <= number <= p.maximum:
            errors[p.key] = f"「{p.label_zh}」須介於 {p.minimum} 與 {p.maximum} 之間。"
            continue
        out[p.key] = number
    if rule_id == "after_hours" and out["start_hour"] >= out["end_hour"]:
        errors["end_hour"] = "下班時間須晚於上班時間。"
    return out, errors
