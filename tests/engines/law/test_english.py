"""Every clock's recipient and obligor in the catalogue has English for English pages."""

from __future__ import annotations

from shouhu.engines.law.catalogue import load_catalogue
from shouhu.engines.law.english import RECIPIENTS_EN, obligor_en, recipient_en


def test_every_recipient_in_the_catalogue_has_english() -> None:
    recipients = {rule.recipient_zh for rule in load_catalogue().rules}

    assert sorted(r for r in recipients if recipient_en(r) is None) == []


def test_recipient_english_has_no_chinese_left() -> None:
    assert [en for en in RECIPIENTS_EN.values() if any("\u4e00" <= ch <= "\u9fff" for ch in en)] == []


def test_obligor_shapes_the_engine_writes_have_english_and_keep_the_client_name() -> None:
    assert obligor_en("本公司") == "Our company"
    assert (
        obligor_en("本公司（受託者）→ 好日子購物股份有限公司")
        == "Our company (as processor) → 好日子購物股份有限公司"
    )
    assert obligor_en(
        "好日子購物股份有限公司（本公司為受託者，依個資法第4條及數位經濟辦法第19條應配合遵循）"
    ).startswith("好日子購物股份有限公司 (our company, as its processor")
    assert obligor_en("某個新說法") is None
