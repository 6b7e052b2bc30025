"""The task list every incident starts with, from the guideline's 第五章 二 (事中) and 三 (事後).

The titles are the guideline's wording (the text of record, stored on each task). English pages show
Shouhu's own English of each title, marked unofficial, with the guideline's Chinese beside it
(``core.official``: registered as the official texts of kind ``guideline``).
"""

from __future__ import annotations

from shouhu.core.bilingual import pick
from shouhu.core.official import register_official_source

# (phase, the guideline's wording, Shouhu's English — not an official translation)
SEED_TEXTS: tuple[tuple[str, str, str], ...] = (
    ("事中", "通報主管機關（表 2 個人資料侵害事故通報與紀錄表；逾時者附延遲理由或分階段提供）",
     "Report to the competent authority (Form 2, personal data breach report and record; if late, attach "
     "the reason for the delay or provide it in stages)"),
    ("事中", "通知受影響之委託者（客戶），並要求客戶更新系統、更改密碼、偵測惡意程式、弱點掃描、掃毒",
     "Notify the affected clients and ask them to update systems, change passwords, detect malware, run "
     "vulnerability scans and antivirus scans"),
    ("事中", "協助客戶通知其消費者（內容須含個資被侵害之事實、已採取之因應措施及諮詢專線）",
     "Help clients notify their consumers (the notice must state the facts of the breach, the measures "
     "taken and an enquiry hotline)"),
    ("事中", "止血：搜尋並刪除惡意程式（病毒及木馬），必要時委請資安公司數位鑑識",
     "Contain: find and remove malware (viruses and trojans); engage a security firm for digital "
     "forensics if needed"),
    ("事中", "止血：限制國外 IP 存取", "Contain: restrict access from foreign IP addresses"),
    ("事中", "止血：限縮客戶帳號存取權限", "Contain: narrow client accounts' access rights"),
    ("事中", "止血：損害層面過大時，將涉及外洩客戶之系統伺服器暫停營運（停機）",
     "Contain: if the damage is too wide, suspend (shut down) the servers of the clients involved in "
     "the leak"),
    ("事中", "調查：調取 log 查閱是否有異常 IP", "Investigate: pull the logs and look for abnormal IP addresses"),
    ("事中", "調查：弱點掃描、滲透測試、原始碼檢測",
     "Investigate: vulnerability scanning, penetration testing, source code review"),
    ("事中", "調查：研究駭客路徑（例如員工遭社交工程攻擊）",
     "Investigate: trace the attacker's path (for example, an employee hit by social engineering)"),
    ("事中", "調查：檢查客戶委託之第三方業者與本公司串接之傳輸渠道（API 等）",
     "Investigate: check the channels (APIs and the like) connecting us with third parties engaged by "
     "the client"),
    ("事後", "改善資安措施：修補弱點、改善系統防護（架構、防火牆、傳輸加密、資料庫加密）",
     "Improve security: fix vulnerabilities, strengthen protection (architecture, firewall, encryption "
     "in transit, database encryption)"),
    ("事後", "改變個資蒐集處理利用方式（個資最小化、遮罩隱碼、傳輸方式、儲存地點）",
     "Change how personal data is collected, processed and used (minimisation, masking, transfer "
     "methods, storage location)"),
    ("事後", "重新評估與客戶間之資安責任（契約約定）",
     "Reassess security responsibilities with clients (contract terms)"),
    ("事後", "事後檢討，列入矯正措施", "Hold a post-incident review and record corrective actions"),
)  # fmt: skip

SEED: tuple[tuple[str, str], ...] = tuple((phase, zh) for phase, zh, _en in SEED_TEXTS)
ENGLISH: dict[str, str] = {zh: en for _phase, zh, en in SEED_TEXTS}
PHASE_ENGLISH = {"事中": "During the incident", "事後": "After the incident"}


def title_english(title: str) -> str | None:
    """Shouhu's English of a seeded title (None for a task someone typed)."""
    return ENGLISH.get(title)


def task_title(title: str) -> str:
    """A task title in the reader's language: a seeded title in English on English pages, else as stored."""
    return pick(title, ENGLISH.get(title))


def phase_text(phase: str) -> str:
    return pick(phase, PHASE_ENGLISH.get(phase))


register_official_source("guideline", lambda: ENGLISH.keys())
