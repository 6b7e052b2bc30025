"""Risk-scoring and import cell messages follow the page language: zh-TW as written, English on English pages."""

from __future__ import annotations

import pytest
from django.utils import translation

from shouhu.core.importing import fields
from shouhu.core.importing.fields import CellError
from shouhu.core.messages import Message, render
from shouhu.risk.models import Treatment
from shouhu.risk.scoring import current_matrix, risk_errors

pytestmark = pytest.mark.django_db

_BAD = {
    "scope": "system",
    "system": None,
    "threat": "nope",
    "likelihood": 9,
    "impact": 1,
    "assessed_on": None,
}


def test_risk_scoring_messages_in_chinese_by_default() -> None:
    errors = risk_errors(_BAD, current_matrix())

    assert errors["likelihood"] == ["可能性須為 1 到 5 的整數（風險矩陣 5 級）。"]
    assert errors["assessed_on"] == ["請填寫評估日期。"]


def test_risk_scoring_messages_in_english_on_english_pages() -> None:
    with translation.override("en"):
        errors = risk_errors(_BAD, current_matrix())

    assert errors["likelihood"] == ["Likelihood must be a whole number from 1 to 5 (a 5-level risk matrix)."]
    assert errors["system"] == ["A system or device risk (3.1.1) needs its system or device."]
    assert errors["threat"][0].startswith("The threat must be one of: ")
    assert errors["assessed_on"] == ["Give the assessment date."]


@pytest.mark.parametrize(
    ("read", "zh", "en"),
    [
        (lambda: fields.integer("abc"), "「abc」不是數字。", '"abc" is not a number.'),
        (
            lambda: fields.boolean("maybe"),
            "「maybe」不是「是」或「否」。",
            '"maybe" is not Yes or No.',
        ),
        (lambda: fields.choice("", Treatment), "必填。", "Required."),
    ],
)
def test_import_cell_errors_follow_the_reader_language(read, zh: str, en: str) -> None:
    # given: a cell refused while an English page uploads (the error is kept, then read later)
    with translation.override("en"), pytest.raises(CellError) as refused:
        read()
    said = refused.value.message
    assert isinstance(said, Message)
    # then: its stored text is zh-TW, and it reads in whichever language it is opened in
    with translation.override("en"):
        in_english = render(said.key, said.facts, said.text)
    assert (str(refused.value), render(said.key, said.facts, said.text), in_english) == (zh, zh, en)
