"""Presidio configured as fairly as we can for Taiwan: equivalent PatternRecognizers with checksums
and context words, Presidio's own e-mail/credit-card/IP recognizers, and a blank spaCy ``zh``
pipeline saved to disk (no model download)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from shouhu.engines.pii.checksums import valid_national_id, valid_resident_id, valid_ubn
from shouhu.engines.pii.recognizers.names import COMPOUND_SURNAMES, SINGLE_SURNAMES

#: Presidio entity → Shouhu category.
ENTITY_MAP = {
    "TW_NATIONAL_ID": "tw_national_id",
    "TW_RESIDENT_ID": "tw_resident_id",
    "TW_PASSPORT": "passport",
    "TW_NHI_CARD": "nhi_card",
    "TW_MOBILE": "mobile_phone",
    "TW_LANDLINE": "landline_phone",
    "EMAIL_ADDRESS": "email",
    "CREDIT_CARD": "credit_card",
    "TW_BANK_ACCOUNT": "bank_account",
    "TW_BIRTH_DATE": "birth_date",
    "TW_PERSON": "person_name",
    "TW_ADDRESS": "address",
    "IP_ADDRESS": "ip_address",
    "TW_PLATE": "vehicle_plate",
    "TW_UBN": "ubn",
}

_SUR = "(?:" + "|".join(COMPOUND_SURNAMES) + "|[" + SINGLE_SURNAMES + "])"
_CITY = (
    r"(?:(?:[臺台][北中南]|新北|桃園|高雄|基隆|新竹|嘉義)市|(?:新竹|苗栗|彰化|南投|雲林|嘉義|屏東|宜蘭|花蓮|"
    r"[臺台]東|澎湖|金門|連江)縣)"
)


def blank_zh(path: Path) -> str:
    """Save ``spacy.blank("zh")`` (character segmentation, no download) and return its path."""
    import spacy

    if not (path / "config.cfg").exists():
        spacy.blank("zh").to_disk(path)
    return str(path)


def build_analyzer(model_dir: Path) -> Any:
    """Return an AnalyzerEngine for ``language="zh"`` with the Taiwanese recognizers."""
    from presidio_analyzer import AnalyzerEngine, Pattern, PatternRecognizer, RecognizerRegistry
    from presidio_analyzer.nlp_engine import NlpEngineProvider
    from presidio_analyzer.predefined_recognizers import (
        CreditCardRecognizer,
        EmailRecognizer,
        IpRecognizer,
    )

    class Checked(PatternRecognizer):
        def __init__(self, check: Any, invalidate_only: bool = False, **kwargs: Any) -> None:
            self._check = check
            self._invalidate_only = invalidate_only
            super().__init__(**kwargs)

        def validate_result(self, pattern_text: str) -> bool | None:
            if self._invalidate_only:
                return None
            return bool(self._check(pattern_text))

        def invalidate_result(self, pattern_text: str) -> bool | None:
            return not self._check(pattern_text)

    def rec(entity: str, regex: str, score: float, context: list[str], **kw: Any) -> Any:
        cls = Checked if "check" in kw else PatternRecognizer
        return cls(
            supported_entity=entity,
            patterns=[Pattern(entity.lower(), regex, score)],
            context=context,
            supported_language="zh",
            **kw,
        )

    recognizers = [
        rec("TW_NATIONAL_ID", r"(?<![A-Za-z0-9])[A-Z][12]\d{8}(?![A-Za-z0-9])", 0.5,
            ["身分證", "身份證", "統一編號"], check=valid_national_id),
        rec("TW_RESIDENT_ID", r"(?<![A-Za-z0-9])[A-Z][89A-D]\d{8}(?![A-Za-z0-9])", 0.5,
            ["居留證", "統一證號"], check=valid_resident_id),
        rec("TW_PASSPORT", r"(?<!\d)\d{9}(?!\d)", 0.2, ["護照"]),
        rec("TW_NHI_CARD", r"(?<!\d)\d{12}(?!\d)", 0.2, ["健保"]),
        rec("TW_MOBILE", r"(?<![0-9+])(?:\+886[- ]?|0)9[0-8]\d(?:[- ]?\d{3}[- ]?\d{3})(?!\d)", 0.7,
            ["手機", "電話", "行動"]),
        rec("TW_LANDLINE", r"(?<![0-9+])(?:\(0[2-8]\d{0,2}\)|0[2-8]\d{0,2}-)\d{2,4}-?\d{3,4}(?!\d)", 0.5,
            ["電話", "市話", "傳真"]),
        rec("TW_BANK_ACCOUNT", r"(?<!\d)\d{10,16}(?!\d)", 0.1, ["帳號", "帳戶", "匯款"]),
        rec("TW_BIRTH_DATE",
            r"民國\d{1,3}年\d{1,2}月\d{1,2}日|(?<!\d)\d{3}/\d{2}/\d{2}(?!\d)|(?<!\d)\d{7}(?!\d)|\d{4}-\d{2}-\d{2}",
            0.2, ["生日", "出生"]),
        rec("TW_PERSON", _SUR + r"[\u4e00-\u9fff]{2}", 0.2, ["姓名", "名字", "先生", "小姐", "戶名", "聯絡人", "客戶", "name"]),
        rec("TW_ADDRESS", _CITY + r"[\u4e00-\u9fff0-9]{2,30}?號(?:\d{1,3}樓)?", 0.6, ["地址", "住址", "address"]),
        rec("TW_PLATE", r"(?<![A-Za-z0-9])[A-Z]{3}-\d{4}(?![A-Za-z0-9])", 0.2, ["車牌", "車號"]),
        rec("TW_UBN", r"(?<!\d)\d{8}(?!\d)", 0.2, ["統一編號", "統編"], check=valid_ubn, invalidate_only=True),
        EmailRecognizer(supported_language="zh", context=["email", "信箱", "電子郵件"]),
        CreditCardRecognizer(supported_language="zh", context=["卡號", "信用卡", "card"]),
        IpRecognizer(supported_language="zh", context=["ip", "來源"]),
    ]  # fmt: skip
    registry = RecognizerRegistry(supported_languages=["zh"])
    for recognizer in recognizers:
        registry.add_recognizer(recognizer)
    provider = NlpEngineProvider(
        nlp_configuration={
            "nlp_engine_name": "spacy",
            "models": [{"lang_code": "zh", "model_name": blank_zh(model_dir)}],
        }
    )
    return AnalyzerEngine(nlp_engine=provider.create_engine(), registry=registry, supported_languages=["zh"])
