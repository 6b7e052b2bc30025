"""Presidio configured as fairly as we can for Taiwan: equivalent PatternRecognizers with checksums
and context words, Presidio's own e-mail/credit-card/IP recognizers, and a blank spaCy ``zh``
pipeline saved to disk (no model download)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from shouhu.engines.pii.checksums import valid_national_id, valid_resident_id, valid_ubn
from shouhu.engines.pii.recognizers.names import COMPOUND_SURNAMES, SINGLE_SURNAMES
from shouhu.engines.pii.recognizers.tokens import LANDLINE, MOBILE
from shouhu.engines.pii.recognizers.vocabulary import context_words

# Presidio's e-mail recognizer asks tldextract for the public suffix list; offline (as here) it logs two
# long tracebacks and then uses the snapshot it ships with. The snapshot is what it uses: no need to say so.
logging.getLogger("tldextract").setLevel(logging.CRITICAL)

#: Context words per category: the very lists Shouhu's recognizers use (one table, both tools).
CONTEXT: dict[str, list[str]] = {cat: list(words) for cat, words in context_words().items()}

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
            CONTEXT["tw_national_id"], check=valid_national_id),
        rec("TW_RESIDENT_ID", r"(?<![A-Za-z0-9])[A-Z][89A-D]\d{8}(?![A-Za-z0-9])", 0.5,
            CONTEXT["tw_resident_id"], check=valid_resident_id),
        rec("TW_PASSPORT", r"(?<!\d)\d{9}(?!\d)", 0.2, CONTEXT["passport"]),
        rec("TW_NHI_CARD", r"(?<!\d)\d{12}(?!\d)", 0.2, CONTEXT["nhi_card"]),
        rec("TW_MOBILE", rf"(?<![0-9+])(?:{MOBILE})(?!\d)", 0.7, CONTEXT["mobile_phone"]),
        rec("TW_LANDLINE", rf"(?<![0-9+])(?:{LANDLINE})(?!\d)", 0.5, CONTEXT["landline_phone"]),
        rec("TW_BANK_ACCOUNT", r"(?<!\d)\d{10,16}(?!\d)", 0.1, CONTEXT["bank_account"]),
        rec("TW_BIRTH_DATE",
            r"民國\d{1,3}年\d{1,2}月\d{1,2}日|(?<!\d)\d{3}/\d{2}/\d{2}(?!\d)|(?<!\d)\d{7}(?!\d)|\d{4}-\d{2}-\d{2}",
            0.2, CONTEXT["birth_date"]),
        rec("TW_PERSON", _SUR + r"[\u4e00-\u9fff]{2}", 0.2, CONTEXT["person_name"]),
        rec("TW_ADDRESS", _CITY + r"[\u4e00-\u9fff0-9]{2,30}?號(?:\d{1,3}樓)?", 0.6, CONTEXT["address"]),
        rec("TW_PLATE", r"(?<![A-Za-z0-9])[A-Z]{3}-\d{4}(?![A-Za-z0-9])", 0.2, CONTEXT["vehicle_plate"]),
        rec("TW_UBN", r"(?<!\d)\d{8}(?!\d)", 0.2, CONTEXT["ubn"], check=valid_ubn, invalidate_only=True),
        EmailRecognizer(supported_language="zh", context=CONTEXT.get("email", [])),
        CreditCardRecognizer(supported_language="zh", context=CONTEXT["credit_card"]),
        IpRecognizer(supported_language="zh", context=CONTEXT.get("ip_address", [])),
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
