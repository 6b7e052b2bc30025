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

#: Words that introduce a name directly (姓名：王小明, 戶名王小明).
_STRONG: Final = (
    "姓名|聯絡人|收件人|寄件人|負責人|申請人|持卡人|戶名|承辦人|監護人|被保險人|要保人|受益人|立書人"
)
#: Words that often precede a name but also ordinary nouns (客戶全部…): the name must end at a
#: non-CJK character or before a common follow-up character.
_WEAK: Final = "客戶|會員|病患|學生|員工|家長|當事人|同仁"
_FOLLOW: Final = "先小女來表說的於在已曾向與和及等致到要請今"
_CONTEXT: Final = f"{_STRONG}|{_WEAK}"
#: Common words that start with a surname character (全部, 文件 …): never a name in running text.
COMMON_WORDS: Final = frozenset(
    [
        "全部",
        "文件",
        "方法",
        "方面",
        "成功",
        "安全",
        "高興",
        "管理",
        "關於",
        "華人",
        "金額",
        "成為",
        "萬元",
        "利用",
        "應用",
        "文化",
        "常常",
        "包括",
        "全國",
        "全體",
        "全新",
        "方式",
        "文字",
        "文章",
        "高級",
        "安排",
        "安裝",
        "成本",
        "成績",
        "成長",
        "黃金",
        "白色",
        "金融",
        "任何",
        "任務",
        "周末",
        "單位",
        "解決",
        "解釋",
        "申請",
        "曾經",
        "程度",
        "管道",
        "連續",
        "連結",
        "古代",
        "古典",
        "萬一",
        "應該",
        "花費",
        "安心",
        "左右",
        "常見",
        "符合",
        "留言",
        "留下",
        "舒服",
        "司機",
        "向前",
        "文件品",
        "方向",
        "高度",
        "全面",
        "安定",
        "成立",
        "成員",
        "明天",
        "游戲",
        "游泳",
        "易於",
        "陽光",
        "龍頭",
        "齊全",
        "華麗",
        "凌晨",
        "武器",
        "孔子",
        "丁字",
        "石頭",
        "金屬",
        "馬上",
        "葉子",
    ]
)
_WEAK_SET: Final = frozenset(_WEAK.split("|"))
_TITLES: Final = frozenset({"先生", "小姐", "女士"})
# A flat alternation of literals (no groups) keeps the regex engine's fast literal scan.
TRIGGER: Final = re.compile(rf"{_CONTEXT}|先生|小姐|女士")
AFTER: Final = re.compile(rf"[ \t\u3000:：是為]*(?P<n>{_SUR}{_GIVEN}{{1,2}})")
AFTER_WEAK: Final = re.compile(
    rf"[ \t\u3000:：]*(?P<n>{_SUR}{_GIVEN}{{1,2}})(?=[^\u4e00-\u9fff]|[{_FOLLOW}]|$)"
)
BEFORE: Final = re.compile(rf"{_SUR}{_GIVEN}{{1,2}}")
WHOLE: Final = re.compile(rf"{_SUR}[\u4e00-\u9fff]{{1,2}}")
_CJK_NAME: Final = re.compile(r"[\u4e00-\u9fff]{2,4}")


def scan_names(text: str) -> Iterator[Match]:
    """Yield names introduced by a context word (姓名：王小明) or followed by 先生/小姐/女士."""
    for hit in TRIGGER.finditer(text):
        word = hit.group()
        if word == "戶名" and text[hit.start() - 1 : hit.start()] == "客":
            continue  # 客戶名稱 (customer or company name), not an account holder
        if word not in _TITLES:
            m = (AFTER_WEAK if word in _WEAK_SET else AFTER).match(text, hit.end())
            if m is not None and not _common(m.group("n")):
                yield Match("person_name", m.start("n"), m.end("n"), m.group("n"), 0.85)
            continue
        end = hit.start()
        for size in _title_sizes(text, end):
            if BEFORE.fullmatch(text, end - size, end) and not _common(text[end - size : end]):
                yield Match("person_name", end - size, end, text[end - size : end], 0.85)
                break


def _common(name: str) -> bool:
    return name in COMMON_WORDS or name[:2] in COMMON_WORDS


def _title_sizes(text: str, end: int) -> tuple[int, ...]:
    """Name lengths to try before a title: compound-surname names first, then 3, 2 characters."""
    if (
        text[max(0, end - 4) : end - 2] in COMPOUND_SURNAMES
        or text[max(0, end - 3) : end - 1] in COMPOUND_SURNAMES
    ):
        return (4, 3)
    return (3, 2)


def classify_name_cell(value: str) -> float:
    """Return the confidence that a whole cell of a name column is a Chinese personal name (0 if not)."""
    text = value.strip()
    if WHOLE.fullmatch(text):
        return 0.95
    if _CJK_NAME.fullmatch(text):
        return 0.7
    return 0.0
