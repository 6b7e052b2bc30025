"""Chinese personal names: surname statistics plus context words, or a name column."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from .base import Match

#: The 200 most common surnames of 內政部 112 年全國姓名統計 (cover about 99 % of the population).
SINGLE_SURNAMES: Final = (
    "陳林黃張李王吳劉蔡楊許鄭謝洪郭邱曾廖賴徐周葉蘇莊江呂何蕭羅高潘簡朱鍾游彭詹施胡沈余盧梁趙顏柯翁"
    "魏孫戴范方宋鄧杜侯傅曹薛阮丁卓馬温董藍古石紀唐蔣姚連歐馮程湯田康黄姜白汪尤鄒黎巫鐘涂龔嚴韓袁金"
    "童陸柳凃夏邵錢伍倪溫駱譚于甘熊任秦章毛官顧史萬俞粘雷饒闕凌武孔尹崔辛辜陶段易龍韋池葛褚孟麥殷莫"
    "文賀賈管關包向丘梅華裴利全樊房佘花安左魯塗穆鮑蒲郝谷成邢練閻鄔陽盛常符耿解繆申聶祝岳曲籃齊應舒"
    "單喬畢留鄞翟牛龎覃"
)
COMPOUND_SURNAMES: Final = ("張簡", "歐陽", "范姜", "司馬", "諸葛", "上官")

_SUR: Final = "(?:" + "|".join(COMPOUND_SURNAMES) + "|[" + SINGLE_SURNAMES + "])"
_STOP: Final = "電手地身生性年的於在住和與及等為今已曾將要您請說表示出通先女是"
_GIVEN: Final = rf"(?:(?!小姐)[\u4e00-\u9fff](?<![{_STOP}]))"

_CONTEXT: Final = (
    "姓名|聯絡人|收件人|寄件人|負責人|申請人|持卡人|戶名|客戶|會員|病患|學生|員工|承辦人|家長|"
    "監護人|被保險人|要保人|受益人|立書人|當事人"
)
TRIGGER: Final = re.compile(rf"先生|小姐|女士|{_CONTEXT}")
IN_TEXT: Final = re.compile(
    rf"(?:{_CONTEXT})[\s:：是為]*(?P<a>{_SUR}{_GIVEN}{{1,2}})"
    rf"|(?P<b>{_SUR}{_GIVEN}{{1,2}})(?:先生|小姐|女士)"
)
WHOLE: Final = re.compile(rf"{_SUR}[\u4e00-\u9fff]{{1,2}}")
_CJK_NAME: Final = re.compile(r"[\u4e00-\u9fff]{2,4}")


def scan_names(text: str) -> Iterator[Match]:
    """Yield names introduced by a context word (姓名：王小明) or followed by 先生/小姐/女士."""
    if TRIGGER.search(text) is None:
        return
    for m in IN_TEXT.finditer(text):
        group = "a" if m.group("a") is not None else "b"
        yield Match("person_name", m.start(group), m.end(group), m.group(group), 0.85)


def classify_name_cell(value: str) -> float:
    """Return the confidence that a whole cell of a name column is a Chinese personal name (0 if not)."""
    text = value.strip()
    if WHOLE.fullmatch(text):
        return 0.95
    if _CJK_NAME.fullmatch(text):
        return 0.7
    return 0.0
