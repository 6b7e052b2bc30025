"""Facts about a party (our company or a client) used by the applicability and deadline engines."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .errors import InvalidFactError

_INDUSTRY = re.compile(r"^\d{2,4}$")
_BUSINESS_ITEM = re.compile(r"^[A-Z][A-Z0-9]\d{5}$")


class CompanyType(StrEnum):
    """Organisation form (公司法 company types and other forms)."""

    COMPANY_LIMITED_BY_SHARES = "company_limited_by_shares"  # 股份有限公司
    LIMITED_COMPANY = "limited_company"  # 有限公司
    UNLIMITED_COMPANY = "unlimited_company"  # 無限公司
    UNLIMITED_LIMITED_COMPANY = "unlimited_limited_company"  # 兩合公司
    FOREIGN_COMPANY_BRANCH = "foreign_company_branch"  # 外國公司（在臺分公司）
    SOLE_PROPRIETORSHIP_OR_PARTNERSHIP = "business"  # 商號（獨資、合夥）
    FOUNDATION = "foundation"  # 財團法人
    ASSOCIATION = "association"  # 社團法人
    GOVERNMENT = "government"  # 公務機關
    OTHER = "other"

    @property
    def label_zh(self) -> str:
        return _COMPANY_TYPE_ZH[self]

    @property
    def label_en(self) -> str:
        return _COMPANY_TYPE_EN[self]

    @property
    def is_company(self) -> bool:
        """True for the four 公司法 forms and a foreign company's branch."""
        return self in (
            CompanyType.COMPANY_LIMITED_BY_SHARES,
            CompanyType.LIMITED_COMPANY,
            CompanyType.UNLIMITED_COMPANY,
            CompanyType.UNLIMITED_LIMITED_COMPANY,
            CompanyType.FOREIGN_COMPANY_BRANCH,
        )


_COMPANY_TYPE_ZH = {
    CompanyType.COMPANY_LIMITED_BY_SHARES: "股份有限公司",
    CompanyType.LIMITED_COMPANY: "有限公司",
    CompanyType.UNLIMITED_COMPANY: "無限公司",
    CompanyType.UNLIMITED_LIMITED_COMPANY: "兩合公司",
    CompanyType.FOREIGN_COMPANY_BRANCH: "外國公司在臺分公司",
    CompanyType.SOLE_PROPRIETORSHIP_OR_PARTNERSHIP: "商號",
    CompanyType.FOUNDATION: "財團法人",
    CompanyType.ASSOCIATION: "社團法人",
    CompanyType.GOVERNMENT: "公務機關",
    CompanyType.OTHER: "其他",
}
_COMPANY_TYPE_EN = {
    CompanyType.COMPANY_LIMITED_BY_SHARES: "company limited by shares",
    CompanyType.LIMITED_COMPANY: "limited company",
    CompanyType.UNLIMITED_COMPANY: "unlimited company",
    CompanyType.UNLIMITED_LIMITED_COMPANY: "unlimited company with limited liability shareholders",
    CompanyType.FOREIGN_COMPANY_BRANCH: "Taiwan branch of a foreign company",
    CompanyType.SOLE_PROPRIETORSHIP_OR_PARTNERSHIP: "sole proprietorship or partnership",
    CompanyType.FOUNDATION: "foundation",
    CompanyType.ASSOCIATION: "association",
    CompanyType.GOVERNMENT: "government agency",
    CompanyType.OTHER: "other",
}


class SpecialReason(StrEnum):
    """Why a party is a 特定非公務機關 under 資通安全管理法."""

    CI_PROVIDER = "ci_provider"  # 關鍵基礎設施提供者
    STATE_OWNED = "state_owned"  # 公營事業
    GOVERNMENT_FUNDED_FOUNDATION = "government_funded_foundation"  # 政府捐助之財團法人
    GOVERNMENT_CONTROLLED = "government_controlled"  # 受政府控制之事業、團體或機構（2025修正）

    @property
    def label_zh(self) -> str:
        return _SPECIAL_ZH[self]

    @property
    def label_en(self) -> str:
        return _SPECIAL_EN[self]


_SPECIAL_ZH = {
    SpecialReason.CI_PROVIDER: "關鍵基礎設施提供者",
    SpecialReason.STATE_OWNED: "公營事業",
    SpecialReason.GOVERNMENT_FUNDED_FOUNDATION: "政府捐助之財團法人",
    SpecialReason.GOVERNMENT_CONTROLLED: "受政府控制之事業、團體或機構",
}
_SPECIAL_EN = {
    SpecialReason.CI_PROVIDER: "critical infrastructure provider",
    SpecialReason.STATE_OWNED: "state-owned business",
    SpecialReason.GOVERNMENT_FUNDED_FOUNDATION: "government-funded foundation",
    SpecialReason.GOVERNMENT_CONTROLLED: "government-controlled business, body or institution",
}


class Sector(StrEnum):
    """Sectors a party declares, for rules the industry codes cannot decide alone."""

    MOEA_ANNEX1 = "moea_annex1"  # 製造業及技術服務業（經濟部辦法附表一所列行業）
    INTERNET_RETAIL = "internet_retail"  # 以網際網路零售商品或經營零售服務平台
    MOEA_DESIGNATED_RETAILER = "moea_designated_retailer"  # 受經濟部指定之網路零售公司或商號
    SPECIALLY_LICENSED = "specially_licensed"  # 應經特許、許可或受專門管理法令規範之行業
    THIRD_PARTY_PAYMENT = "third_party_payment"  # 第三方支付
    TOURIST_HOTEL = "tourist_hotel"  # 觀光旅館業（國際觀光旅館、一般觀光旅館）
    HOTEL = "hotel"  # 旅館業
    BNB = "bnb"  # 民宿
    TRAVEL_AGENCY = "travel_agency"  # 旅行業
    TOURIST_AMUSEMENT = "tourist_amusement"  # 觀光遊樂業
    CRAM_SCHOOL = "cram_school"  # 立案之短期補習班
    AFTER_SCHOOL_CARE = "after_school_care"  # 私立兒童課後照顧服務中心
    FSC_REGULATED = "fsc_regulated"  # 金控、銀行、證券、期貨、保險、電子支付及金管會公告之金融服務業等
    HOSPITAL = "hospital"  # 醫院
    AGRICULTURAL_FINANCE = (
        "agricultural_finance"  # 農業金融業（全國農業金庫、農漁會信用部、農業信用保證基金等）
    )


class NccCategory(StrEnum):
    """Businesses the NCC rule names."""

    TELECOM = "telecom"  # 電信事業
    ISP = "isp"  # 網際網路接取服務提供者（3,000戶以上）
    CABLE_TV = "cable_tv"  # 有線廣播電視系統經營者
    TV = "tv"  # 電視事業
    DBS = "dbs"  # 直播衛星（3,000戶以上）
    SATELLITE_CHANNEL = "satellite_channel"  # 衛星新聞或購物頻道
    DISPUTE_BODY = "dispute_body"  # 電信爭議處理機構
    OTHER_ANNOUNCED = "other_announced"  # 其他NCC公告者


def _non_negative(value: int | None, label_zh: str) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidFactError(f"{label_zh}須為整數：{value!r}")
    if value < 0:
        raise InvalidFactError(f"{label_zh}不可為負數：{value}")


@dataclass(frozen=True)
class PartyFacts:
    """Facts about our company or one client (委託者) that decide which rules apply.

    Threshold facts (records, beds, capital, subscribers, company type, collects_customer_data) are
    None when not yet known: a rule whose threshold depends on them "may apply" (``Applicable.pending``)
    and its deadlines are computed with the missing facts listed, never dropped.

    ``threshold_reached_on`` is the date the party first reached a record or capital threshold, used
    for follow-up deadlines (plan within 6 months, moda Art. 18 cycle start).
    ``resuming_after_suspension`` marks a party whose plan was suspended after two years under the
    threshold and which has reached it again (30-day resumption clock).
    """

    party_id: str = "self"
    name: str = ""
    industry_codes: tuple[str, ...] = ()
    business_item_codes: tuple[str, ...] = ()
    company_type: CompanyType | None = None
    paid_in_capital: int | None = None
    registered_capital: int | None = None
    is_government_agency: bool = False
    special_reasons: frozenset[SpecialReason] = frozenset()
    sectors: frozenset[Sector] = frozenset()
    consumer_records: int | None = None
    hospital_beds: int | None = None
    ncc_categories: frozenset[NccCategory] = frozenset()
    ncc_subscribers: int | None = None
    collects_customer_data: bool | None = None  # 招募會員或取得客戶個資（藥品、化粧品業）; None: not known
    hosting: bool | None = None  # True: we host (代管) the client's system; False: build/maintain only
    government_contracts: bool = False  # our company serves government or 特定非公務機關 clients
    threshold_reached_on: date | None = None
    resuming_after_suspension: bool = False

    def __post_init__(self) -> None:
        _non_negative(self.paid_in_capital, "實收資本額")
        _non_negative(self.registered_capital, "登記資本額")
        _non_negative(self.consumer_records, "保有消費者個資筆數")
        _non_negative(self.hospital_beds, "病床數")
        _non_negative(self.ncc_subscribers, "訂戶數")
        for code in self.industry_codes:
            if not _INDUSTRY.match(code):
                raise InvalidFactError(f"行業統計分類代碼格式錯誤：{code!r}（應為2至4位數字）")
        for code in self.business_item_codes:
            if not _BUSINESS_ITEM.match(code):
                raise InvalidFactError(f"營業項目代碼格式錯誤：{code!r}（例如 J201031）")
        if self.is_government_agency and self.special_reasons:
            raise InvalidFactError("公務機關不可同時為特定非公務機關")

    @property
    def label_zh(self) -> str:
        """How the party is named in explanations."""
        if self.party_id == "self":
            return "本公司"
        return f"委託者「{self.name or self.party_id}」"

    @property
    def label_en(self) -> str:
        """How the party is named in English explanations (a client's name stays as written)."""
        if self.party_id == "self":
            return "Our company"
        return f"The client \u201c{self.name or self.party_id}\u201d"

    @property
    def name_en(self) -> str:
        """``label_en`` for the middle of an English sentence: "our company", "the client “X”"."""
        return self.label_en[:1].lower() + self.label_en[1:]

    def has_industry(self, *prefixes: str) -> str | None:
        """The first industry code starting with one of ``prefixes``, or None."""
        for code in self.industry_codes:
            if code.startswith(prefixes):
                return code
        return None

    def capital_for_threshold(self) -> tuple[int | None, str]:
        """Capital as moda Art. 18 counts it: paid-in for 股份有限公司, registered otherwise."""
        if self.company_type is CompanyType.COMPANY_LIMITED_BY_SHARES:
            return self.paid_in_capital, "實收資本額"
        return self.registered_capital, "登記資本額"
