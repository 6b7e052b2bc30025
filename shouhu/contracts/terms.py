"""What a client contract must settle, as law data with its citations.

Two lists: the Enforcement Rules of the PDPA Art. 8 II (the client supervises its processor — every client
contract under which we process personal data), and the Enforcement Rules of the Cyber Security Management
Act Art. 4 I (what a government agency or 特定非公務機關 must require of a contractor). Each term carries
the law, its pcode on the 全國法規資料庫, the article, the day that text took effect, and whether the text
and its numbering were checked against the official text (``verified``).

資通安全管理法施行細則 第4條第1項 (what was checked, 2026-11-27):
- The items and their order follow the text issued 2018-11-21 (行政院院臺護字第1070213547號), in force from
  2019-01-01 (院臺護字第1070217128號). The 2021-08-23 amendment (院臺護字第1100182012號, Executive Yuan
  Gazette) changed Arts 6, 7 and 13 only, so Art. 4 kept that text until the 2025 reform.
- The Act was amended as a whole (35 articles) on 2025-09-24 (華總一義字第11400095391號) and took effect on
  2025-12-01 (per the 2026-01-05 amendment notes of the 稽核辦法); its outsourcing article and the rules' Art. 4
  may have been renumbered or reworded. No official text of the amended 施行細則 was available (全國法規資料庫
  was not reachable from here; public mirrors searched held no copy), so every item is marked unverified and
  the pages show that mark.
- Items 4 (national secrets) and 8 (other measures), missing from the shared research summary, are encoded
  from the 2018 text as the author knew it, not quoted from an official copy: unverified too.
"""

from __future__ import annotations

import datetime as dt
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
    effective_from: dt.date | None = None  # the day the cited text took effect
    label_en: str = ""  # Shouhu's own English (not official); the Chinese label is the text of record
    note_en: str = ""
    law_en: str = ""
    article_en: str = ""

    @property
    def citation(self) -> str:
        return f"{self.law}{self.article}"

    @property
    def citation_en(self) -> str:
        return f"{self.law_en}, {self.article_en}" if self.law_en else ""


PDPA_ER_2012 = dt.date(2012, 10, 1)  # Art. 8 is unchanged by the 2016 amendment
CYBER_ER_2019 = dt.date(2019, 1, 1)
PDPA_ER_EN = "Enforcement Rules of the Personal Data Protection Act"
CYBER_ER_EN = "Enforcement Rules of the Cyber Security Management Act"
CYBER_NOTE_EN = (
    "Follows the text issued in 2018 and in force from 1 January 2019 (the 2021 amendment did not touch this "
    "article); after the Cyber Security Management Act was amended as a whole on 24 September 2025 and took "
    "effect on 1 December of that year, the article number and wording of these Rules could not be checked "
    "against an official full text (unverified)."
)
CYBER_NOTE = (
    "依2018年訂定、2019年1月1日施行之條文（2021年修正未及本條）；資通安全管理法2025年9月24日全文修正、"
    "同年12月1日施行後，本細則條次及文字未能取得官方全文查證（未查證）。"
)


def _pdpa(key: str, number: int, label: str, label_en: str) -> Term:
    return Term(
        f"pdpa:{key}",
        "pdpa",
        label,
        PDPA_ER,
        PDPA_ER_PCODE,
        f"第8條第2項第{number}款",
        effective_from=PDPA_ER_2012,
        label_en=label_en,
        law_en=PDPA_ER_EN,
        article_en=f"Art. 8(2)({number})",
    )


def _cyber(number: int, label: str, label_en: str, note: str = "", note_en: str = "") -> Term:
    return Term(
        f"cyber:{number}",
        "cyber",
        label,
        CYBER_ER,
        CYBER_ER_PCODE,
        f"第4條第1項第{number}款",
        verified=False,
        note_zh=note or CYBER_NOTE,
        effective_from=CYBER_ER_2019,
        label_en=label_en,
        note_en=note_en or CYBER_NOTE_EN,
        law_en=CYBER_ER_EN,
        article_en=f"Art. 4(1)({number})",
    )


# The keys after "pdpa:" are the sub-processor contract's item keys (thirdparties.ContractItemKey): one
# vocabulary for both directions of an outsourcing contract.
PDPA_TERMS: tuple[Term, ...] = (
    _pdpa(
        "scope",
        1,
        "預定蒐集、處理或利用個人資料之範圍、類別、特定目的及其期間",
        "The intended scope, categories, specific purposes and period of the collection, processing or use of "
        "personal data",
    ),
    _pdpa(
        "measures",
        2,
        "受託者就施行細則第12條第2項採取之安全措施",
        "The security measures the commissioned party takes under Art. 12(2) of the Enforcement Rules",
    ),
    _pdpa(
        "subcontract",
        3,
        "有複委託者，其約定之受託者",
        "Where there is sub-commissioning, the agreed sub-processor",
    ),
    _pdpa(
        "breach",
        4,
        "受託者或其受僱人違反個資法時，應通知之事項及採行之補救措施（含通知時限）",
        "What must be notified, and the remedial measures taken, when the commissioned party or its employees "
        "violate the Personal Data Protection Act (including the notice time limit)",
    ),
    _pdpa(
        "reserved",
        5,
        "委託者保留指示之事項",
        "Matters on which the commissioning party reserves instructions",
    ),
    _pdpa(
        "return",
        6,
        "委託關係終止或解除時，個人資料載體之返還及儲存資料之刪除",
        "Return of personal data media and deletion of stored data when the commission ends or is rescinded",
    ),
)
CYBER_TERMS: tuple[Term, ...] = (
    _cyber(
        1,
        "受託業務之程序及環境具備完善之資通安全管理措施或通過第三方驗證",
        "The procedures and environment of the commissioned work have sound cyber security management measures "
        "or third-party certification",
    ),
    _cyber(
        2,
        "配置經適當資格訓練、具資通安全專業證照或類似業務經驗之資通安全專業人員",
        "Cyber security professionals with suitable training, professional cyber security certificates or "
        "experience in similar work are assigned",
    ),
    _cyber(
        3,
        "得否複委託、得複委託之範圍與對象，及複委託之受託者應具備之資通安全維護措施",
        "Whether sub-commissioning is allowed, its permitted scope and parties, and the cyber security measures "
        "a sub-processor must have",
    ),
    _cyber(
        4,
        "受託業務涉及國家機密者，執行人員接受適任性查核，並依國家機密保護法管制出境",
        "Where the commissioned work involves national secrets, the staff doing it undergo suitability checks "
        "and their travel abroad is controlled under the Classified National Security Information Protection Act",
        "僅於受託業務涉及國家機密時適用；不涉及者請記為「已約定」並於條款欄註明「不涉及國家機密」。"
        + CYBER_NOTE,
        "Applies only when the commissioned work involves national secrets; otherwise record it as agreed and "
        'write "no national secrets involved" in the clause field. ' + CYBER_NOTE_EN,
    ),
    _cyber(
        5,
        "客製化資通系統開發者，提供安全性檢測證明（核心系統或委託金額達一千萬元以上者由第三方檢測）",
        "A developer of a custom information system provides proof of security testing (tested by a third party "
        "for core systems or commissions of NT$10 million or more)",
    ),
    _cyber(
        6,
        "違反資通安全相關法令或知悉資通安全事件時，立即通知委託機關及採行之補救措施",
        "On violating cyber security laws or becoming aware of a cyber security incident, the commissioning "
        "agency is notified at once, with the remedial measures taken",
    ),
    _cyber(
        7,
        "委託關係終止或解除時，返還、移交、刪除或銷毀履行契約而持有之資料",
        "When the commission ends or is rescinded, data held to perform the contract are returned, handed over, "
        "deleted or destroyed",
    ),
    _cyber(
        8,
        "受託者應採取之其他資通安全相關維護措施",
        "Other cyber security maintenance measures the commissioned party must take",
    ),
    _cyber(
        9,
        "委託機關定期或於知悉受託者發生資通安全事件時，以稽核或其他適當方式確認執行情形",
        "The commissioning agency checks implementation by audit or other suitable means, regularly or on "
        "becoming aware of a cyber security incident at the commissioned party",
    ),
)
TERMS: dict[str, Term] = {t.key: t for t in (*PDPA_TERMS, *CYBER_TERMS)}
BREACH_KEY = "pdpa:breach"  # the term whose agreed notice period feeds the incident clocks
