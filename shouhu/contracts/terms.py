"""What a client contract must settle, as law data with its citations.

Two lists: the Enforcement Rules of the PDPA Art. 8 II (the client supervises its processor — every client
contract under which we process personal data), and the Enforcement Rules of the Cyber Security Management
Act Art. 4 I (what a government agency or 特定非公務機關 must require of a contractor). Each term carries
the law, its pcode on the 全國法規資料庫 and the article, and whether the text was checked against the
official text (``verified``).
"""

from __future__ import annotations

from dataclasses import dataclass

PDPA_ER = "個人資料保護法施行細則"
PDPA_ER_PCODE = "I0050022"
CYBER_ER = "資通安全管理法施行細則"
CYBER_ER_PCODE = "A0030303"


@dataclass(frozen=True)
class Term:
    key: str  # stored on ContractTerm.key
    group: str  # "pdpa" (every contract) or "cyber" (government / 特定非公務機關 clients)
    label_zh: str
    law: str
    pcode: str
    article: str
    verified: bool = True
    note_zh: str = ""

    @property
    def citation(self) -> str:
        return f"{self.law}{self.article}"


def _pdpa(key: str, number: int, label: str) -> Term:
    return Term(f"pdpa:{key}", "pdpa", label, PDPA_ER, PDPA_ER_PCODE, f"第8條第2項第{number}款")


def _cyber(number: int, label: str, note: str = "") -> Term:
    return Term(
        f"cyber:{number}",
        "cyber",
        label,
        CYBER_ER,
        CYBER_ER_PCODE,
        f"第4條第1項第{number}款",
        note_zh=note
        or "2025年資通安全管理法修正後，施行細則條次可能變動（未查證）；本條次依2021年修正之條文。",
    )


# The keys after "pdpa:" are the sub-processor contract's item keys (thirdparties.ContractItemKey): one
# vocabulary for both directions of an outsourcing contract.
PDPA_TERMS: tuple[Term, ...] = (
    _pdpa("scope", 1, "預定蒐集、處理或利用個人資料之範圍、類別、特定目的及其期間"),
    _pdpa("measures", 2, "受託者就施行細則第12條第2項採取之安全措施"),
    _pdpa("subcontract", 3, "有複委託者，其約定之受託者"),
    _pdpa("breach", 4, "受託者或其受僱人違反個資法時，應通知之事項及採行之補救措施（含通知時限）"),
    _pdpa("reserved", 5, "委託者保留指示之事項"),
    _pdpa("return", 6, "委託關係終止或解除時，個人資料載體之返還及儲存資料之刪除"),
)
CYBER_TERMS: tuple[Term, ...] = (
    _cyber(1, "受託業務之程序及環境具備完善之資通安全管理措施或通過第三方驗證"),
    _cyber(2, "配置經適當資格訓練、具資通安全專業證照或類似業務經驗之資通安全專業人員"),
    _cyber(3, "得否複委託、得複委託之範圍與對象，及複委託之受託者應具備之資通安全維護措施"),
    _cyber(5, "客製化資通系統開發者，提供安全性檢測證明（核心系統或委託金額達一千萬元以上者由第三方檢測）"),
    _cyber(6, "違反資通安全相關法令或知悉資通安全事件時，立即通知委託機關及採行之補救措施"),
    _cyber(7, "委託關係終止或解除時，返還、移交、刪除或銷毀履行契約而持有之資料"),
    _cyber(9, "委託機關定期或於知悉受託者發生資通安全事件時，以稽核或其他適當方式確認執行情形"),
)
TERMS: dict[str, Term] = {t.key: t for t in (*PDPA_TERMS, *CYBER_TERMS)}
BREACH_KEY = "pdpa:breach"  # the term whose agreed notice period feeds the incident clocks
