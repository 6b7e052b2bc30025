"""Chinese personal names: surname statistics plus context words, or a name column."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from ..gate import GateSet, byte_pattern
from ..normalize import canonical_name
from .addresses import CITY_NAMES
from .base import Match, new_match
from .keywords import word_trie

#: The 200 most common surnames of 內政部 112 年全國姓名統計 (cover about 99 % of the population).
SINGLE_SURNAMES: Final = (
    "陳林黃張李王吳劉蔡楊許鄭謝洪郭邱曾廖賴徐周葉蘇莊江呂何蕭羅高潘簡朱鍾游彭詹施胡沈余盧梁趙顏柯翁"
    "魏孫戴范方宋鄧杜侯傅曹薛阮丁卓馬温董藍古石紀唐蔣姚連歐馮程湯田康黄姜白汪尤鄒黎巫鐘涂龔嚴韓袁金"
    "童陸柳凃夏邵錢伍倪溫駱譚于甘熊任秦章毛官顧史萬俞粘雷饒闕凌武孔尹崔辛辜陶段易龍韋池葛褚孟麥殷莫"
    "文賀賈管關包向丘梅華裴利全樊房佘花安左魯塗穆鮑蒲郝谷成邢練閻鄔陽盛常符耿解繆申聶祝岳曲籃齊應舒"
    "單喬畢留鄞翟牛龎覃"
)
#: Rarer surnames (outside the 200 most common) that are not also everyday word-starts: they count
#: only with a strong cue (a label such as 姓名：, a title, an English name label, or three
#: characters in a cell beside other personal data), never before a verb in running text.
RARE_SURNAMES: Final = (
    "苗酆卜艾冉邰閔鄺諶隋冷戚儲羊闞芮仇豐荊竺祁甯晏佟敖冼瞿滕宮寇桑屠伏戎羿邴郜藺郁鞠廉喻湛裘牟汝楚閆"
    "欒蒙杭虞嵇邸酈霍莘姬雍郤璩濮扈冀郟茹宦庾衡弘匡殳蔚夔鞏厙晁巢蒯逯桓柴桂車龐"
)
COMPOUND_SURNAMES: Final = (
    "張簡", "歐陽", "范姜", "張廖", "周黃", "司馬", "諸葛", "上官", "司徒", "端木", "東方", "夏侯", "公孫",
    "皇甫", "令狐", "慕容",
)  # fmt: skip

_COMPOUND_SET: Final = frozenset(COMPOUND_SURNAMES)
#: Surname characters that are also words before a name (向王小明 is "to 王小明", 于 is 於): never the
#: husband's surname of a pair.
_NOT_PAIR_FIRST: Final = "向于"
#: A married woman's double surname (冠夫姓): her husband's surname before her own (陳林美玲, 蔡張碩雄),
#: two of the common surnames; a name with it has four characters (or three: 陳林玲).
_PAIR: Final = (
    "[" + "".join(c for c in SINGLE_SURNAMES if c not in _NOT_PAIR_FIRST) + "][" + SINGLE_SURNAMES + "]"
)
_SUR: Final = "(?:" + "|".join(COMPOUND_SURNAMES) + "|" + _PAIR + "|[" + SINGLE_SURNAMES + "])"
_SUR_ANY: Final = (
    "(?:" + "|".join(COMPOUND_SURNAMES) + "|" + _PAIR + "|[" + SINGLE_SURNAMES + RARE_SURNAMES + "])"
)
_SINGLE_SET: Final = frozenset(SINGLE_SURNAMES)
_PAIR_FIRST: Final = _SINGLE_SET - frozenset(_NOT_PAIR_FIRST)
_STOP: Final = "電手地身生性年的於在住和與及等為今已曾將要您請說表示出通先女是"
_GIVEN: Final = rf"(?:(?!小姐)[\u4e00-\u9fff](?<![{_STOP}]))"

#: Words that introduce a name directly (姓名：王小明, 戶名王小明).
_STRONG: Final = (
    "姓名|聯絡人|收件人|收貨人|寄件人|負責人|申請人|持卡人|戶名|承辦人|監護人|被保險人|要保人|受益人|立書人"
)
#: Words that often precede a name but also ordinary nouns (客戶全部…): the name must end at a
#: non-CJK character or before a common follow-up character.
_WEAK: Final = "客戶|會員|病患|學生|員工|家長|當事人|同仁|配偶|父親|母親|家屬|眷屬|兒子|女兒|妻子|丈夫"
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
#: Every word that supports a name: labels, titles and the English labels.
CONTEXT_WORDS: Final = (
    *_STRONG.split("|"),
    *_WEAK.split("|"),
    "先生",
    "小姐",
    "女士",
    "name",
    "full name",
    "contact",
)
_TITLES: Final = frozenset({"先生", "小姐", "女士"})
# A flat alternation of literals (no groups) keeps the regex engine's fast literal scan.
TRIGGER_WORDS: Final = (*_CONTEXT.split("|"), "先生", "小姐", "女士")
TRIGGER: Final = re.compile("|".join(TRIGGER_WORDS))
AFTER: Final = re.compile(rf"[ \t\u3000:：是為]*(?P<n>{_SUR_ANY}{_GIVEN}{{1,2}})")
AFTER_WEAK: Final = re.compile(
    rf"[ \t\u3000:：]*(?P<n>{_SUR}{_GIVEN}{{1,2}})(?=[^\u4e00-\u9fff]|[{_FOLLOW}]|$)"
)
#: After an English name label (Name: 闞諺雅): any surname, the name ending at a non-CJK character.
AFTER_EN: Final = re.compile(
    rf"[ \t\u3000:：]*(?P<n>{_SUR_ANY}{_GIVEN}{{1,2}})(?=[^\u4e00-\u9fff]|[{_FOLLOW}]|$)"
)
BEFORE: Final = re.compile(rf"{_SUR}{_GIVEN}{{1,2}}")
BEFORE_TITLE: Final = re.compile(rf"{_SUR_ANY}{_GIVEN}{{1,2}}")
WHOLE: Final = re.compile(rf"{_SUR}[\u4e00-\u9fff]{{1,2}}")
_CJK_NAME: Final = re.compile(r"[\u4e00-\u9fff]{2,4}")


#: English labels (name: 王小明, Contact Name = 王小明); a colon or equals sign must follow.
EN_LABEL: Final = re.compile(
    r"(?<![A-Za-z])(?:(?:full|real|customer|contact|client|member|patient|chinese|english)[ _-]?)?name"
    r"(?![A-Za-z])(?:[ \t]*[(（][^()（）\n]{1,30}[)）])?[ \t]*[:：=][ \t\u3000]*",
    re.IGNORECASE,
)
#: English labels of a person that do not say "name" (Contact person: 王小明, Applicant: Chen Chia-hao).
EN_PERSON_LABEL: Final = re.compile(
    r"(?<![A-Za-z])(?:contact(?:[ _-]?person)?|applicant|customer|recipient|sender|cardholder|attention"
    r"|(?:ship|bill|deliver)[ _-]?to)(?![A-Za-z])[ \t]*[:：=][ \t\u3000]*",
    re.IGNORECASE,
)
#: Every match of :data:`EN_PERSON_LABEL` holds one of its label words in a case this search accepts
#: (the letters IGNORECASE matches them with: i also İ and ı, s also ſ; the others only themselves;
#: the first letter from any of the words). It starts with a plain class, which ``re`` scans for
#: quickly; the IGNORECASE regex with a look-behind in front tries every position. No hit: that
#: regex cannot match either.
_I: Final = "[Ii\u0130\u0131]"
_EN_PERSON_GATE: Final = re.compile(
    "[AaBbCcDdRrSs\u017f](?:[Oo][Nn][Tt][Aa][Cc][Tt]|[Pp][Pp][Ll]" + _I + "[Cc][Aa][Nn][Tt]"
    "|[Uu][Ss\u017f][Tt][Oo][Mm][Ee][Rr]|[Ee][Cc]" + _I + "[Pp]" + _I + "[Ee][Nn][Tt]|[Ee][Nn][Dd][Ee][Rr]"
    "|[Aa][Rr][Dd][Hh][Oo][Ll][Dd][Ee][Rr]|[Tt][Tt][Ee][Nn][Tt]" + _I + "[Oo][Nn]|[Hh]" + _I + "[Pp]"
    "|" + _I + "[Ll][Ll]|[Ee][Ll]" + _I + "[Vv][Ee][Rr])"
)
#: Letter and form conventions that take a name with or without a colon: Attn, c/o, Dear, "… by".
EN_ADDRESSEE: Final = re.compile(
    r"(?<![A-Za-z])(?:attn\.?|c/o|dear|(?:requested|prepared|approved|submitted|reported|signed|reviewed"
    r"|checked|issued|created|handled|sent|received)[ \t]+by)(?![A-Za-z])[ \t]*[:：]?[ \t\u3000]*",
    re.IGNORECASE,
)
#: Cheap substring test before :data:`EN_ADDRESSEE` runs (most text has none of these).
_ADDRESSEE_HINTS: Final = ("by", "By", "BY", "ttn", "TTN", "c/o", "C/O", "ear", "EAR")
#: Every match of :data:`EN_ADDRESSEE` holds one of these, in a case this search accepts (none of
#: the letters has a non-ASCII IGNORECASE form): attn, c/o, dear, or a verb's last two letters (all
#: end in -ed or -nt) before spaces and "by". It starts with a plain class, which ``re`` scans for
#: quickly, where the IGNORECASE regex with a look-behind in front tries every position of the text
#: (a quarter of the scan of dense log text that merely holds "bytes"). No hit: that regex cannot
#: match either.
_EN_ADDRESSEE_GATE: Final = re.compile("[AaCcDdEeNn](?:[Tt][Tt][Nn]|/[Oo]|[Ee][Aa][Rr]|[DdTt][ \t]+[Bb][Yy])")
#: The same for :data:`EN_LABEL`: "name" in any case (no non-ASCII IGNORECASE forms), then the colon
#: or the bracket of a note before it (Name (as in passport): …).
_EN_LABEL_GATE: Final = re.compile("[Nn][Aa][Mm][Ee][ \t]*[:\uff1a=(\uff08]")
#: A letter's sign-off before the sender's name (Best regards, 王小明 / Thanks, Chen Chia-hao /
#: Sincerely, Grace Kao) and a copy line (cc: 林美玲): a comma after the sign-off, a colon after cc.
EN_SIGNOFF: Final = re.compile(
    r"(?<![A-Za-z])(?:(?:(?:best|kind|warm(?:est)?)[ \t]+)?regards|thanks|thank[ \t]+you|sincerely(?:[ \t]+yours)?"
    r"|yours[ \t]+(?:sincerely|truly|faithfully)|cheers|respectfully)[ \t]*[,，][ \t\u3000]*"
    r"|(?<![A-Za-z])b?cc[ \t]*[:：][ \t\u3000]*",
    re.IGNORECASE | re.ASCII,  # ASCII case only: the prefilter's caseless search wakes exactly these
)
#: Every match of :data:`EN_SIGNOFF` holds one of these in some ASCII case (it is ASCII-only
#: IGNORECASE): -ards (regards), -ank (thank), -ncere (sincerely), -eers (cheers), -ours (yours),
#: -ctful (respectfully), cc then a colon. One search that starts with a plain class, which ``re``
#: scans for quickly: sixteen substring tests cost three times as much on text that holds none.
_EN_SIGNOFF_GATE: Final = re.compile(
    "[AaNnEeOoCc](?:[Rr][Dd][Ss]|[Nn][Kk]|[Cc][Ee][Rr][Ee]|[Ee][Rr][Ss]|[Uu][Rr][Ss]|[Tt][Ff][Uu][Ll]"
    "|[Cc][ \t]*[:\uff1a])"
)
#: A letter's closing on a line of its own, the sender's name opening the next line (Best regards,⏎
#: 王小明 / 敬祝 商祺⏎林美玲 <mei@example.tw>): the closing words of English letters and the
#: 祝頌語 and 此致 of Chinese ones. The prefilter marks the line after such a closing too
#: (``prefilter.NEXT_LINE``), so both lines are scanned together.
SIGNOFF_WORDS_ZH: Final = ("敬祝", "順頌", "順祝", "恭祝", "此致", "耑此")
SIGNOFF_LINE: Final = re.compile(
    r"(?m)^[ \t\u3000]*(?:(?i:(?:(?:best|kind|warm(?:est)?)[ \t]+)?regards|thanks(?:[ \t]*(?:&|and)[ \t]*regards)?"
    r"|thank[ \t]+you|sincerely(?:[ \t]+yours)?|yours[ \t]+(?:sincerely|truly|faithfully)|cheers|respectfully)"
    r"|(?:" + "|".join(SIGNOFF_WORDS_ZH) + r")[^\n]{0,8}?)[ \t\u3000]*[,，.!！]?[ \t\u3000]*\r?\n",
    re.ASCII,  # ASCII case only: the prefilter's caseless search wakes exactly these
)
#: The sender's name at the start of the line after a closing, ending at a space, a bracket or the line's
#: end (王小明, 王小明 敬上, 王小明　Tel …, Chen Chia-hao <…>).
_SENDER: Final = re.compile(
    rf"[ \t\u3000]*(?P<n>{_SUR_ANY}[\u4e00-\u9fff]{{1,2}})(?=[ \t\u3000<(（|,，]|$)", re.MULTILINE
)
#: A name before a Chinese letter's own closing on the same line (王小明 敬上, 林美玲謹啟).
BEFORE_CLOSING: Final = re.compile(
    rf"(?m)^[ \t\u3000]*(?P<n>{_SUR_ANY}[\u4e00-\u9fff]{{1,2}})[ \t\u3000]*(?:敬上|敬啟|謹上|謹啟|拜上|敬呈)"
)
CLOSING_WORDS: Final = ("敬上", "敬啟", "謹上", "謹啟", "拜上", "敬呈")


#: Cheap test before :data:`SIGNOFF_LINE` (with ``_EN_SIGNOFF_GATE`` for its English words) and
#: :data:`BEFORE_CLOSING` run: one search for the Chinese words.
_LETTER_ZH: Final = re.compile("|".join((*SIGNOFF_WORDS_ZH, *CLOSING_WORDS)))


def _after_signoff_line(text: str) -> Iterator[Match]:
    """Names that open the line after a letter's closing line."""
    for hit in SIGNOFF_LINE.finditer(text):
        at = hit.end()
        m = _SENDER.match(text, at)
        if m is not None and (unlabelled_name(m.group("n"), rare=True) or m.group("n")[:2] in _COMPOUND_SET):
            yield Match("person_name", m.start("n"), m.end("n"), m.group("n"), 0.8)
            continue
        roman = _roman_name(text, at)
        if roman is not None:
            yield roman


#: Words for a foreign worker or resident before a name in Latin letters (移工 Grace Kao, 外籍看護
#: SITI AMINAH): such names are in no surname list, so two to four capitalised words are taken.
FOREIGN_WORDS: Final = (
    "移工",
    "外籍看護",
    "看護工",
    "外籍勞工",
    "外勞",
    "外籍員工",
    "外籍配偶",
    "外籍人士",
    "新住民",
)
FOREIGN_NAME: Final = re.compile(
    "(?:" + "|".join(FOREIGN_WORDS) + ")(?:姓名)?[ \t\u3000]*[:：]?[ \t\u3000]*"
    r"(?P<n>[A-Z][A-Za-z'-]{1,15}(?:[ ][A-Z][A-Za-z'-]{1,15}){1,3})(?![A-Za-z])"
)
#: The words of the English person labels, addressing conventions, sign-offs and foreign-worker words
#: above, as plain words: the benchmark gives a peer tool these too (``vocabulary.context_words``).
PERSON_CUE_WORDS: Final = (
    "contact person", "applicant", "customer", "recipient", "sender", "cardholder", "attention", "ship to",
    "bill to", "deliver to", "attn", "c/o", "dear", "requested by", "prepared by", "approved by", "submitted by",
    "reported by", "signed by", "reviewed by", "checked by", "issued by", "created by", "handled by", "sent by",
    "received by", "best regards", "kind regards", "warm regards", "regards", "thanks", "thank you",
    "sincerely", "yours sincerely", "yours truly", "yours faithfully", "cheers", "respectfully", "cc", "bcc",
    *FOREIGN_WORDS,
)  # fmt: skip
#: Romanised surnames (Wade-Giles, as on Taiwanese passports, and pinyin) of the most common surnames.
ROMAN_SURNAMES: Final = frozenset(
    [
        "Chen",
        "Lin",
        "Huang",
        "Chang",
        "Zhang",
        "Li",
        "Lee",
        "Wang",
        "Wu",
        "Liu",
        "Tsai",
        "Cai",
        "Yang",
        "Hsu",
        "Xu",
        "Cheng",
        "Zheng",
        "Hsieh",
        "Xie",
        "Kuo",
        "Guo",
        "Hung",
        "Hong",
        "Chiu",
        "Qiu",
        "Tseng",
        "Zeng",
        "Liao",
        "Lai",
        "Chou",
        "Zhou",
        "Yeh",
        "Ye",
        "Su",
        "Chuang",
        "Zhuang",
        "Lu",
        "Lyu",
        "Chiang",
        "Jiang",
        "Ho",
        "He",
        "Hsiao",
        "Xiao",
        "Lo",
        "Luo",
        "Kao",
        "Gao",
        "Pan",
        "Chien",
        "Jian",
        "Chu",
        "Zhu",
        "Chung",
        "Zhong",
        "Yu",
        "Peng",
        "Chan",
        "Shih",
        "Shi",
        "Hu",
        "Shen",
        "Yen",
        "Yan",
        "Ko",
        "Ke",
        "Weng",
        "Wei",
        "Sun",
        "Tai",
        "Dai",
        "Fan",
        "Fang",
        "Sung",
        "Song",
        "Teng",
        "Deng",
        "Tu",
        "Du",
        "Hou",
        "Fu",
        "Tsao",
        "Cao",
        "Hsueh",
        "Xue",
        "Ting",
        "Ding",
        "Cho",
        "Zhuo",
        "Ma",
    ]
)
#: A romanised name: a listed surname and a hyphenated given name, in either order (Chen Chia-hao,
#: Chia-Hao Chen, CHEN Chia-hao, and as a passport prints it: CHEN, CHIA-HAO). The hyphen keeps
#: ordinary English words out.
ROMAN_NAME: Final = re.compile(
    r"(?P<s1>[A-Z][a-z]{1,6}|[A-Z]{2,7}),?[ ]+(?:[A-Z][a-z]{1,5}-[A-Za-z][a-z]{1,5}|[A-Z]{2,6}-[A-Z]{2,6})(?![A-Za-z-])"
    r"|[A-Z][a-z]{1,5}-[A-Za-z][a-z]{1,5}[ ]+(?P<s2>[A-Z][a-z]{1,6}|[A-Z]{2,7})(?![A-Za-z])"
    # an English given name and a listed surname (Grace Kao), only ever tried after a label
    r"|[A-Z][a-z]{1,9}[ ]+(?P<s3>[A-Z][a-z]{1,6}|[A-Z]{2,7})(?![A-Za-z-])"
)
#: A chat line's speaker: a time stamp, then a name and a colon ([10:32] 馬若：…, 09:15 客戶 王小明: …),
#: or a tab after the name as in a LINE chat export (time, speaker and message separated by tabs).
CHAT_SPEAKER: Final = re.compile(
    r"(?m)^[ \t]*[\[(（]?(?:[0-9]{2,4}[/-][0-9]{1,2}[/-][0-9]{1,2}[ T])?[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?[\])）]?"
    rf"[ \t]*(?:客戶[ \t]*)?(?P<n>{_SUR_ANY}[\u4e00-\u9fff]{{1,2}})(?:[ \t]*[：:>＞]|\t)"
    # or the name first, its time in brackets after it: 王小明（10:32）：…
    rf"|^[ \t]*(?P<n2>{_SUR_ANY}[\u4e00-\u9fff]{{1,2}})[ \t]*[(（][0-9]{{1,2}}:[0-9]{{2}}[)）][ \t]*[：:]"
)


def _roman_name(text: str, at: int) -> Match | None:
    """A romanised name right at ``at`` (after an English label)."""
    m = ROMAN_NAME.match(text, at)
    if m is None:
        return None
    surname = (m.group("s1") or m.group("s2") or m.group("s3") or "").capitalize()
    if surname not in ROMAN_SURNAMES:
        return None
    return Match("person_name", m.start(), m.end(), canonical_name(m.group()), 0.8)


#: Words that follow a name in running text (王小明表示…, 張簡大同於昨日來電).
VERB_WORDS: Final = (
    "表示", "指出", "來電", "致電", "住在", "住於", "報名", "投保", "簽收", "簽名", "同意", "本人", "說",
    "的電話", "的手機", "的地址", "的生日", "的身分證", "的帳號", "於", "詢問", "希望", "已經",
)  # fmt: skip
#: More verbs of saying, asking and complaining (a grammatical class, not a corpus list): a name
#: before one of them must, when it has two characters, end in a frequent given-name character.
MORE_VERBS: Final = (
    "提到", "提及", "認為", "覺得", "反映", "反應", "抱怨", "投訴", "申訴", "要求", "想要", "回覆", "回應",
    "回答", "答覆", "表達", "表明", "強調", "說明", "告知", "通知", "建議", "提出", "確認", "拒絕", "堅持",
    "透露", "留言", "來信", "寫信", "打來", "請求", "答應", "回報", "坦言", "聲稱",
    "您好", "你好",  # a greeting: 【診所】張冠芸您好，提醒您明日門診
)  # fmt: skip
_MORE_VERBS: Final = frozenset(MORE_VERBS)
#: The longest verb at each position, as a trie (the same hits as the alternation sorted longest
#: first, which ``re`` tried word by word at every position holding a first character such as 於,
#: 的 or 本: five times slower on Chinese text).
VERBS: Final = re.compile(word_trie([*VERB_WORDS, *MORE_VERBS], caseless=False))
#: Frequent characters of Taiwanese given names (compiled by hand, not from any test corpus); a
#: two-character word at a line start counts as a name only when its second character is one.
GIVEN_CHARS: Final = frozenset(
    "志明美玲淑芬家豪宇婷怡君雅惠俊傑建宏文欣佳穎承翰冠廷宗憲秀英麗珍國華子涵柏諺品妤詠晴士峰韻如信良"
    "偉強勇軍剛輝榮仁義智勤忠孝康祥瑞慶雲霞鳳蓮芳蘭萍琴燕嬌娟玉珠翠碧娜靜敏婉琳瑜琪瑋璇瑄瑩萱蓉薇慧"
    "佩姿宜貞儀倩筠庭瑤彤芷昕昱晨辰睿恩若妍沛芸思浩然書哲希秉凱恆翔鴻澤博銘鈞錦鑫誠賢駿豐達勝嘉耀"
    "旺順淳潔琦綺維緯雯霖霏馨韋仲伯佑侑宥凡亦軒叡均坤堯奕威宸容寧峻崇嵐巧帆弘彥慈昌昭景曉朗杰柔"
    "梅楷泰洋渝璋皓碩祐禎秋竹筑紘翊育芯茂莉菁蔚蕙誼貴逸雄霓青頌鵬麟"
)
#: Before an unlabelled name: a non-CJK character or one of these words (】 closes an SMS sender's tag).
_LEAD: Final = frozenset("由請與和及跟給讓被向經據，。、；：「『（】")
#: Time and report words before a name (昨天王小明來電, 經查林美玲於上週…).
_LEAD_WORDS: Final = frozenset(
    ["昨天", "今天", "明天", "昨日", "今日", "稍早", "剛剛", "剛才", "經查", "據查", "本案", "日前"]
)
#: After 於, a time (王小明於上週…, 於昨日…, 於112年…).
_TIME_AFTER: Final = re.compile(r"[上昨今本日前明當][週周天日月年午]|[0-9]|民國")
#: A name does not end in these (陳經理, 林業署, 高雄市 are not names).
_NOT_LAST: Final = frozenset("署局部會處院司所廠行店社館校系組科室市縣區鄉鎮村里路街巷弄號樓段")
_TITLE_WORDS: Final = frozenset(
    ["經理", "主任", "老師", "醫師", "律師", "同學", "總監", "董事", "處長", "科長", "課長", "組長", "院長",
     "校長", "局長", "部長", "委員", "議員", "教授", "博士", "先生", "小姐", "女士", "太太", "阿姨", "師傅"]
)  # fmt: skip
#: An isolated run of CJK characters that starts with a surname (王小明,0912345678 or 王小明 0912…).
CELL: Final = re.compile(
    rf"(?<![\u4e00-\u9fff])(?P<n>{_SUR}[\u4e00-\u9fff]{{1,3}}|[{RARE_SURNAMES}][\u4e00-\u9fff]{{2}})(?![\u4e00-\u9fff])"
)
#: Where :data:`CELL` can match: an isolated run of 2-5 CJK characters whose first character can
#: start a surname. It starts with a character class, so ``re`` skips other positions with its fast
#: scan; :data:`CELL` then decides at each position found, exactly as it would have there.
_CELL_START: Final = re.compile(
    "["
    + "".join(sorted(set(SINGLE_SURNAMES + RARE_SURNAMES + "".join(s[0] for s in COMPOUND_SURNAMES))))
    + "]"
    + r"(?<![\u4e00-\u9fff].)[\u4e00-\u9fff]{1,4}(?![\u4e00-\u9fff])"
)
_PLACES: Final = frozenset(
    ["高雄", "金門", "連江", "花蓮", "成都", "金卡", "白金", "白金卡", "正卡", "附卡", "男性", "女性"]
)


#: Job titles a signature line puts after the name (王小明 專案經理 | 公司, 蕭鈞傑 資安工程師).
JOB_TITLES: Final = (
    "經理", "副理", "協理", "襄理", "總監", "主任", "專員", "工程師", "業務", "助理", "秘書", "顧問", "組長",
    "課長", "科長", "處長", "店長", "執行長", "營運長", "技術長", "財務長", "董事長", "設計師", "分析師",
    "會計師", "律師", "講師", "客服", "行政",
)  # fmt: skip
#: A job title after a space (資安工程師, 客服主任: up to four characters before the title word) that ends
#: the word; :data:`SIGNATURE_NAME` then wants a name between the line's start and that space (a mail's
#: signature block: 王小明 專案經理 | 公司).
TITLE_AFTER_SPACE: Final = re.compile(
    rf"[ \t\u3000]+[\u4e00-\u9fff]{{0,4}}?(?:{'|'.join(JOB_TITLES)})(?![\u4e00-\u9fff])"
)
SIGNATURE_NAME: Final = re.compile(rf"[ \t\u3000]*(?P<n>{_SUR_ANY}{_GIVEN}{{1,2}})")
#: Where :data:`TITLE_AFTER_SPACE` can match, in Hyperscan's byte terms (a space, up to four CJK characters).
_TITLE_GATE: Final = (
    r"(?:[ \t]|\xE3\x80\x80)(?:[\xE4-\xE9][\x80-\xBF][\x80-\xBF]){0,4}(?:" + "|".join(JOB_TITLES) + ")"
)
#: A display name before an address in angle brackets (From: 宋怡 <csung97@example.com>; RFC 5322).
DISPLAY_NAME: Final = re.compile(
    rf"(?<![\u4e00-\u9fff])(?P<n>{_SUR_ANY}{_GIVEN}{{1,2}})[ \t]*<[A-Za-z0-9._%+-]+@"
)
_DISPLAY_GATE: Final = re.compile(r"[ \t]*<[A-Za-z0-9._%+-]+@")
#: Words that open a list of people (出席：A、B、C; 列席人員、與會者、缺席、請假) or name a task's owner
#: (待辦：王小明 於…): each name of the list ends at a list separator, a space or the line's end.
LIST_WORDS: Final = ("出席", "列席", "與會", "缺席", "請假", "參加", "待辦")
LIST_LABEL: Final = re.compile(rf"(?:{'|'.join(LIST_WORDS)})(?:人員|者|名單)?[ \t\u3000]*[:：][ \t\u3000]*")
_LISTED: Final = re.compile(
    rf"(?P<n>{_SUR_ANY}{_GIVEN}{{1,2}})(?=[、，,；;/／()（） \t\r\u3000]|$)", re.MULTILINE
)
_LIST_SEPARATOR: Final = re.compile(r"[、，,；;/／][ \t\u3000]*")
#: HTML cell tags between a label and its value (<th>姓名</th><td>王小明</td>).
_CELL_TAGS: Final = re.compile(r"[ \t]*(?:</?t[dhr][^<>\n]{0,40}>[ \t]*)+", re.IGNORECASE)


#: One Hyperscan scan answers, for a whole block, which of the searches below can find something
#: (see :class:`gate.GateSet`): each gate matches wherever its search can match, so a gate that does
#: not fire means that search is skipped; when it fires, the search runs under its own conditions,
#: exactly as without Hyperscan. On dense text that holds none of these cues (most logs) this saves
#: eight whole-block searches (about 19 ms per MB).
_SURNAME_FIRST: Final = sorted(
    set(SINGLE_SURNAMES + RARE_SURNAMES + "".join(s[0] for s in COMPOUND_SURNAMES))
)
_GATES: Final = GateSet(
    [
        byte_pattern(_EN_LABEL_GATE.pattern),
        byte_pattern(_EN_PERSON_GATE.pattern),
        byte_pattern(_EN_ADDRESSEE_GATE.pattern),
        byte_pattern(_EN_SIGNOFF_GATE.pattern),
        _LETTER_ZH.pattern,
        "|".join(FOREIGN_WORDS),
        # CHAT_SPEAKER: a line that opens with a time and then a surname's first character, or a
        # bracketed time after a name
        byte_pattern(
            r"^[ \t]*[\[(（]?(?:[0-9]{2,4}[/-][0-9]{1,2}[/-][0-9]{1,2}[ T])?[0-9]{1,2}:[0-9]{2}"
            r"(?::[0-9]{2})?[\])）]?[ \t]*(?:客戶[ \t]*)?"
        )
        + "(?:"
        + "|".join(_SURNAME_FIRST)
        + ")"
        + "|"
        + byte_pattern(r"[(（][0-9]{1,2}:[0-9]{2}[)）]"),
        byte_pattern("[人者員][ \t\u3000:：=]"),  # PARTY_END
        _TITLE_GATE,  # TITLE_AFTER_SPACE
        byte_pattern(_DISPLAY_GATE.pattern),  # DISPLAY_NAME
        "|".join(LIST_WORDS),  # LIST_LABEL
    ]
)
_G_LABEL, _G_PERSON, _G_ADDRESSEE, _G_SIGNOFF, _G_LETTER, _G_FOREIGN, _G_CHAT, _G_PARTY = (
    1 << i for i in range(8)
)
_G_SIGNATURE, _G_DISPLAY, _G_LIST = (1 << i for i in range(8, 11))


def scan_names(text: str) -> Iterator[Match]:
    """Yield names after a context word (姓名：王小明, name: 王小明), before a title
    (陳大文先生) or before a verb at the start of a clause (王小明表示)."""
    yield from _labelled(text)
    gates = _GATES.present(text)  # -1 (every bit set) without Hyperscan
    if gates & _G_LABEL and ("ame" in text or "AME" in text) and _EN_LABEL_GATE.search(text) is not None:
        for hit in EN_LABEL.finditer(text):
            yield from _after_english_label(text, hit.end())
    if gates & _G_PERSON and (":" in text or "：" in text or "=" in text):
        if _EN_PERSON_GATE.search(text) is not None:
            for hit in EN_PERSON_LABEL.finditer(text):
                yield from _after_english_label(text, hit.end())
    if (
        gates & _G_ADDRESSEE
        and any(h in text for h in _ADDRESSEE_HINTS)
        and _EN_ADDRESSEE_GATE.search(text) is not None
    ):
        for hit in EN_ADDRESSEE.finditer(text):
            yield from _after_english_label(text, hit.end())
    # also every English word of SIGNOFF_LINE
    signoff = bool(gates & _G_SIGNOFF) and _EN_SIGNOFF_GATE.search(text) is not None
    if signoff:
        for hit in EN_SIGNOFF.finditer(text):
            yield from _after_english_label(text, hit.end())
    letter_zh = bool(gates & _G_LETTER) and _LETTER_ZH.search(text) is not None
    if (signoff or letter_zh) and "\n" in text and SIGNOFF_LINE.search(text) is not None:
        yield from _after_signoff_line(text)
    if letter_zh:
        for m in BEFORE_CLOSING.finditer(text):
            name = m.group("n")
            if unlabelled_name(name, rare=True) or name[:2] in _COMPOUND_SET:
                yield Match("person_name", m.start("n"), m.end("n"), name, 0.8)
    if gates & _G_FOREIGN and ("外" in text or "工" in text or "住民" in text):
        for m in FOREIGN_NAME.finditer(text):
            yield Match("person_name", m.start("n"), m.end("n"), canonical_name(m.group("n")), 0.8)
    if gates & _G_CHAT and (":" in text or "：" in text or ">" in text or "＞" in text):
        for m in CHAT_SPEAKER.finditer(text):
            group = "n" if m.group("n") else "n2"
            name = m.group(group)
            if unlabelled_name(name, rare=True) or name[:2] in COMPOUND_SURNAMES:
                yield Match("person_name", m.start(group), m.end(group), name, 0.8)
    if gates & _G_PARTY:
        yield from _after_party_word(text)
    if gates & _G_SIGNATURE:
        yield from _signature_names(text)
    if gates & _G_DISPLAY and "<" in text and _DISPLAY_GATE.search(text) is not None:
        for m in DISPLAY_NAME.finditer(text):
            name = m.group("n")
            if unlabelled_name(name, rare=True) or name[:2] in _COMPOUND_SET:
                yield Match("person_name", m.start("n"), m.end("n"), name, 0.85)
    if gates & _G_LIST:
        for hit in LIST_LABEL.finditer(text):
            yield from _listed_names(text, hit.end())
    dotted = has_name_dot(text)
    for hit in VERBS.finditer(text):
        found = _before_verb(text, hit.start(), hit.group())
        if dotted and (found is None or (found.start > 0 and text[found.start - 1] in _BARE_DOTS)):
            if _BARE_DOT.search(text, max(0, hit.start() - 7), hit.start()) is not None:
                found = _dotted_before(text, hit.start()) or found  # 吉娃斯・巴萬您好, 約翰·史密斯表示
        if found is not None:
            yield found


#: A role word's last character before a colon or a space: 訂購人：…, 取件人 …, 收件者:…, 新進人員 ….
PARTY_END: Final = re.compile(r"[人者員](?=[ \t\u3000]*[:：=]|[ \t\u3000]+)")


def _after_party_word(text: str) -> Iterator[Match]:
    """Names after a role word of two to four characters that ends in 人, 者 or 員 (訂購人, 收件者,
    新進人員): the word must start after a non-Chinese character, and the name must end at one."""
    for hit in PARTY_END.finditer(text):
        end = hit.start()
        if not all("\u4e00" <= c <= "\u9fff" for c in text[max(0, end - 1) : end]) or end < 1:
            continue
        m = AFTER_EN.match(text, hit.end())
        if m is None:
            continue
        name = m.group("n")
        if _common(name) or name in _PLACES or name[-1] in _NOT_LAST or name[-2:] in _TITLE_WORDS:
            continue
        yield Match("person_name", m.start("n"), m.end("n"), name, 0.8)


def _signature_names(text: str) -> Iterator[Match]:
    """Names that open a line and have a job title after a space (王小明 專案經理 | 公司)."""
    for hit in TITLE_AFTER_SPACE.finditer(text):
        lo = text.rfind("\n", 0, hit.start()) + 1
        m = SIGNATURE_NAME.fullmatch(text, lo, hit.start())
        if m is None:
            continue
        name = m.group("n")
        if unlabelled_name(name, rare=True) or name[:2] in _COMPOUND_SET:
            yield Match("person_name", m.start("n"), m.end("n"), name, 0.8)


def _listed_names(text: str, at: int) -> Iterator[Match]:
    """The names of a list after a list word (出席：宋冠辰、楊承豪、高欣宜), up to the first item that is
    no name."""
    while True:
        m = _LISTED.match(text, at)
        if m is None:
            return
        name = m.group("n")
        if not (unlabelled_name(name, rare=True) or name[:2] in _COMPOUND_SET):
            return
        yield Match("person_name", m.start("n"), m.end("n"), name, 0.8)
        sep = _LIST_SEPARATOR.match(text, m.end())
        if sep is None:
            return
        at = sep.end()


def _after_english_label(text: str, at: int) -> Iterator[Match]:
    dotted = _dotted_after(text, at)
    if dotted is not None:
        yield dotted
        return
    m = AFTER_EN.match(text, at)
    if m is not None and not _common(m.group("n")):
        yield Match("person_name", m.start("n"), m.end("n"), m.group("n"), 0.85)
        return
    roman = _roman_name(text, at)
    if roman is not None:
        yield roman


#: Characters a name found before a verb can start with (:func:`unlabelled_name` needs a common
#: surname or a compound one at its start).
_NAME_FIRST: Final = frozenset(SINGLE_SURNAMES + "".join(s[0] for s in COMPOUND_SURNAMES))


def _before_verb(text: str, end: int, verb: str) -> Match | None:
    # Every name tried below starts 2, 3 or 4 characters before the verb and must start with a
    # surname character: most verb hits (客戶來電, 已於) fail here, before any slicing.
    first = _NAME_FIRST
    if not (
        (end >= 2 and text[end - 2] in first)
        or (end >= 3 and text[end - 3] in first)
        or (end >= 4 and text[end - 4] in first)
    ):
        return None
    # After 於 only a time (於上週, 於112年) makes a name of a single-character surname.
    timed = verb != "於" or _TIME_AFTER.match(text, end + 1) is not None
    for size in (4, 3, 2):
        start = end - size
        if start < 0:
            continue
        name = text[start:end]
        compound = name[:2] in _COMPOUND_SET
        # four characters: a compound surname, or a 冠夫姓 pair ending in a given-name character
        paired = (
            size == 4
            and not compound
            and name[-1] in GIVEN_CHARS
            and (_pair_at(text, start) or (name[0] in _PAIR_FIRST and name[1] in _SINGLE_SET
                                           and text[max(0, start - 2) : start] in _LEAD_WORDS))
        )  # fmt: skip
        if (
            (size == 4 and not (compound or paired))
            or (size == 2 and compound)
            or not (compound or paired or timed)
        ):
            continue
        before = text[start - 1] if start > 0 else "\n"
        # A line start leads a two-character name too (陳峰表示…) when its second character is a
        # frequent given-name character and the verb has two characters (林業表示 is no name).
        led = (
            before in _LEAD
            or text[max(0, start - 2) : start] in _LEAD_WORDS
            or (before == "\n" and (len(verb) > 1 or verb == "說") and size == 2 and name[1] in GIVEN_CHARS)
        )
        if not led and (size == 2 or "\u4e00" <= before <= "\u9fff"):
            continue  # two-character names only after a lead word (昨天劉峰來電)
        if size == 2 and verb in _MORE_VERBS and name[1] not in GIVEN_CHARS:
            continue  # 程式回覆, 方案提到: the second character is no given-name character
        if name[-1] in _STOP:
            continue  # 潘彥說希望…: 說 ends no name (the name is 潘彥, before 說)
        if not unlabelled_name(name):
            continue
        return new_match(("person_name", start, end, name, 0.7))
    return None


def unlabelled_name(name: str, *, rare: bool = False) -> bool:
    """Whether ``name`` (2-4 CJK characters) can be a person's name without a label word.

    ``rare`` also accepts three-character names with a rarer surname (for cells beside other data).
    """
    shaped = bool(BEFORE.fullmatch(name) or WHOLE.fullmatch(name))
    if rare and not shaped:
        shaped = len(name) == 3 and name[0] in RARE_SURNAMES
    if not shaped or _common(name) or name in _PLACES:
        return False
    if name[0] == name[1]:  # 謝謝, 常常
        return False
    return name[-1] not in _NOT_LAST and name[-2:] not in _TITLE_WORDS


def scan_name_cells(text: str, lo: int, hi: int) -> Iterator[Match]:
    """Yield isolated name-shaped words of a line ``text[lo:hi]`` that holds other personal data."""
    for start in _CELL_START.finditer(text, lo, hi):
        m = CELL.match(text, start.start(), hi)
        if m is None:
            continue
        name = m.group("n")
        if len(name) == 2 and not (
            (_delimited(text, m.start(), lo, -1) and _delimited(text, m.end(), hi, 0))
            or (m.start() == lo and text[m.end() : m.end() + 1] in (" ", "\u3000") and name[1] in GIVEN_CHARS)
        ):
            continue  # two characters (謝謝, 高雄) only as a cell of their own, or a line's first word
        if unlabelled_name(name, rare=True):
            yield Match("person_name", m.start("n"), m.end("n"), name, 0.7)


def scan_name_cells_in(text: str, spans: list[tuple[int, int]]) -> list[Match]:
    """``scan_name_cells`` of each ``(lo, hi)`` of ``spans`` (in order, not overlapping), joined.

    Spans that follow one another with a line break between are searched in one run of
    :data:`_CELL_START` (a hit holds no line break, and the break it stops at is what the search of
    the span alone sees at its edge), and each hit is then judged within its own span, exactly as
    :func:`scan_name_cells` does: one search per run of lines instead of one per line.
    """
    out: list[Match] = []
    add = out.append
    finditer = _CELL_START.finditer
    match = CELL.match
    count = len(spans)
    i = 0
    while i < count:
        first = i
        while i + 1 < count and spans[i + 1][0] == spans[i][1] + 1:
            i += 1
        k = first
        lo, hi = spans[k]
        for start in finditer(text, lo, spans[i][1]):
            at = start.start()
            while at >= hi:  # the hit lies in a later span of the run
                k += 1
                lo, hi = spans[k]
            m = match(text, at, hi)
            if m is None:
                continue
            name = m.group("n")
            if len(name) == 2 and not (
                (_delimited(text, m.start(), lo, -1) and _delimited(text, m.end(), hi, 0))
                or (
                    m.start() == lo
                    and text[m.end() : m.end() + 1] in (" ", "\u3000")
                    and name[1] in GIVEN_CHARS
                )
            ):
                continue
            if unlabelled_name(name, rare=True):
                add(new_match(("person_name", m.start("n"), m.end("n"), name, 0.7)))
        i += 1
    return out


def _delimited(text: str, at: int, edge: int, step: int) -> bool:
    """Whether a two-character cell ends (step 0) or starts (step -1) at a delimiter or line edge;
    up to two spaces may stand between, and a phone number may follow (李豪 0972…)."""
    pos = at + step
    for _ in range(3):
        if (step == 0 and pos >= edge) or (step < 0 and pos < edge):
            return True
        char = text[pos]
        if char != " ":
            return char in _DELIMITERS or (step == 0 and pos > at and char in "0123456789(+")
        pos += 1 if step == 0 else -1
    return False


_DELIMITERS: Final = frozenset(",\t|;，、()（）｜")


#: The dots that join the parts of an indigenous name or a transliterated foreign name (瓦歷斯·諾幹,
#: 馬躍‧比吼): the middle dot, the hyphenation point, the katakana middle dot, a bullet; a full-width
#: full stop is folded to ``.`` before matching.
NAME_DOTS: Final = "·‧・•"
_DOTTED: Final = (
    rf"[\u4e00-\u9fff]{{1,6}}[{NAME_DOTS}.][\u4e00-\u9fff]{{1,6}}(?:[{NAME_DOTS}.][\u4e00-\u9fff]{{1,6}})?"
)
#: After a label: a dotted name that ends at a non-CJK character (部落聯絡人 巴奈·母路 手機 …).
AFTER_DOTTED: Final = re.compile(rf"[ \t\u3000:：是為]*(?P<n>{_DOTTED})(?![\u4e00-\u9fff])")
DOTTED_NAME: Final = re.compile(_DOTTED)


def _dotted_after(text: str, at: int) -> Match | None:
    """A dotted name right after a label ending at ``at``; verbs written right after it are no part of it
    (客戶達卡鬧‧魯魯安留言, 客戶瓦歷斯・阿棟來電反映: the names are 達卡鬧‧魯魯安 and 瓦歷斯・阿棟)."""
    m = AFTER_DOTTED.match(text, at)
    if m is None:
        return None
    start, end = m.span("n")
    last = max(text.rfind(dot, start, end) for dot in _DOT_SET)
    for verb in VERBS.finditer(text, last + 3, end):  # the last part keeps two characters or more
        end = verb.start()  # 瓦歷斯・阿棟來電反映: the name ends before the first verb
        break
    return Match("person_name", start, end, text[start:end], 0.85)


#: The dots of a dotted name found without a label (a bullet • often starts a list item: not one of them).
_BARE_DOTS: Final = "·‧・"
#: A dotted name of parts of two to six characters (拉娃‧谷幸, 達卡鬧・魯魯安, 約翰·史密斯).
_BARE_DOTTED: Final = re.compile(
    rf"[\u4e00-\u9fff]{{2,6}}[{_BARE_DOTS}][\u4e00-\u9fff]{{2,6}}(?:[{_BARE_DOTS}][\u4e00-\u9fff]{{2,6}})?"
)
#: An isolated one: no Chinese character or dot right before or after it.
_DOTTED_CELL: Final = re.compile(
    rf"(?<![\u4e00-\u9fff{NAME_DOTS}.]){_BARE_DOTTED.pattern}(?![\u4e00-\u9fff{NAME_DOTS}.])"
)
_BARE_DOT: Final = re.compile(f"[{_BARE_DOTS}]")
_JOB_TITLE_SET: Final = frozenset(JOB_TITLES)
#: Characters of words for things and services (產品・服務, 資費・方案), compiled by hand: a transliterated name
#: has none of them.
_THING_CHARS: Final = frozenset(
    "品務業產服費資料訊統網電話貨物價款額單據表格冊證書件類項目案資源餐食飲茶咖啡課程"
)
#: The first two characters of every county and city (台北・台中 is a list of cities, not a name).
_CITY_HEADS: Final = frozenset(name[:2] for name in CITY_NAMES)


def has_name_dot(text: str) -> bool:
    """Whether ``text`` holds a dot that can join the parts of a name found without a label."""
    return any(dot in text for dot in _BARE_DOTS)


def bare_dotted_name(name: str) -> bool:
    """Whether a dotted run found without a label can be a name: no part is a common word, a place, a
    job title or ends like an organisation or a place does (台北・台中 is a list of cities)."""
    for part in _BARE_DOT.split(name):
        if _common(part) or part in _PLACES or part[-1] in _NOT_LAST or part in _JOB_TITLE_SET:
            return False
        if not _THING_CHARS.isdisjoint(part):
            return False
        if part[:2] in _CITY_HEADS:
            return False
    return True


#: What stands on either side of a dotted name found as a cell: a cell delimiter, a quote or a bracket (a
#: space is not enough: 產品・服務 0800… is a heading).
_CELL_EDGES: Final = frozenset(_DELIMITERS | frozenset("\"'「」『』[]<>:：=\n"))


def scan_dotted_cells(text: str, spans: list[tuple[int, int]]) -> list[Match]:
    """Dotted names that are cells of their own on lines that hold other personal data (| 巴奈·庫穗 |,
    "name":"拉娃‧谷幸")."""
    out: list[Match] = []
    for lo, hi in spans:
        for m in _DOTTED_CELL.finditer(text, lo, hi):
            if _cell_edge(text, m.start() - 1, lo, -1) and _cell_edge(text, m.end(), hi, 1):
                if bare_dotted_name(m.group()):
                    out.append(new_match(("person_name", m.start(), m.end(), m.group(), 0.7)))
    return out


def _cell_edge(text: str, at: int, edge: int, step: int) -> bool:
    """Whether a line edge or a cell edge is at ``at``, past spaces (going by ``step``)."""
    while (at >= edge if step < 0 else at < edge) and text[at] in " \t\u3000":
        at += step
    return (at < edge if step < 0 else at >= edge) or text[at] in _CELL_EDGES


def _dotted_before(text: str, end: int) -> Match | None:
    """A dotted name that ends right before a verb or a greeting at ``end`` (【診所】吉娃斯・巴萬您好):
    the whole run of Chinese characters and dots before it, after a non-Chinese character or a lead word."""
    start = end
    while (
        start > 0
        and end - start < 20
        and ("\u4e00" <= text[start - 1] <= "\u9fff" or text[start - 1] in _BARE_DOTS)
    ):
        start -= 1
    if start > 0 and "\u4e00" <= text[start - 1] <= "\u9fff":
        return None  # longer than any name
    lead = TRIGGER.match(text, start)  # 客戶瓦歷斯・阿棟來電: a person word before the name
    if lead is not None:
        start = lead.end()
    elif text[start : start + 2] in _LEAD_WORDS:
        start += 2
    elif text[start : start + 1] in _LEAD:
        start += 1
    name = text[start:end]
    if _BARE_DOTTED.fullmatch(name) is None or not bare_dotted_name(name):
        return None
    if VERBS.search(name, name.rfind(_BARE_DOT.findall(name)[-1]) + 1) is not None:
        return None  # 約翰·史密斯表示同意: before 同意 the run holds another verb (the name ends before 表示)
    return new_match(("person_name", start, end, name, 0.7))


def _labelled(text: str) -> Iterator[Match]:
    for hit in TRIGGER.finditer(text):
        word = hit.group()
        if word == "戶名" and text[hit.start() - 1 : hit.start()] == "客":
            continue  # 客戶名稱 (customer or company name), not an account holder
        if word not in _TITLES:
            dotted = _dotted_after(text, hit.end())
            if dotted is not None:
                yield dotted
                continue
            m = (AFTER_WEAK if word in _WEAK_SET else AFTER).match(text, hit.end())
            if m is None and text[hit.end() : hit.end() + 1] in ("<", " ", "\t"):
                m = _after_cell_tags(text, hit.end())  # <th>姓名</th><td>王小明</td>
            if m is not None and text[m.end() : m.end() + 1] in _DOT_SET:
                continue  # 馬躍·比吼 cut at its dot (the part after it is too long to take)
            if m is not None and not _common(m.group("n")) and not _place(m.group("n")):
                yield new_match(("person_name", m.start("n"), m.end("n"), m.group("n"), 0.85))
            elif m is None and word in _STRONG_SET:
                roman = _roman_name(text, _gap_end(text, hit.end()))
                if roman is not None:
                    yield roman  # 英文姓名：CHEN, CHIA-HAO
            continue
        end = hit.start()
        for size in _title_sizes(text, end):
            if BEFORE_TITLE.fullmatch(text, end - size, end) and not _common(text[end - size : end]):
                yield new_match(("person_name", end - size, end, text[end - size : end], 0.85))
                break


def _after_cell_tags(text: str, at: int) -> re.Match[str] | None:
    """A name in the HTML table cell after a label's cell (the name must end at a non-CJK character)."""
    tags = _CELL_TAGS.match(text, at)
    if tags is None or tags.end() == at:
        return None
    return AFTER_EN.match(text, tags.end())


_DOT_SET: Final = frozenset(NAME_DOTS + ".")
_STRONG_SET: Final = frozenset(_STRONG.split("|"))
_GAP_RE: Final = re.compile(r"[ \t\u3000:：]*")


def _gap_end(text: str, at: int) -> int:
    """Where the spaces and colons after a label end."""
    m = _GAP_RE.match(text, at)
    return m.end() if m else at


def _place(name: str) -> bool:
    """Whether a label's follower is a place (收件人 高雄市…), not a name."""
    return name[:2] in _PLACES or name[-1] in _NOT_LAST


def _common(name: str) -> bool:
    return name in COMMON_WORDS or name[:2] in COMMON_WORDS


def _title_sizes(text: str, end: int) -> tuple[int, ...]:
    """Name lengths to try before a title: compound-surname names first, then 3, 2 characters; a 冠夫姓
    name (陳林美玲小姐) of four when no Chinese character stands before it (感謝林美玲小姐 is 林美玲)."""
    if text[max(0, end - 4) : end - 2] in _COMPOUND_SET or text[max(0, end - 3) : end - 1] in _COMPOUND_SET:
        return (4, 3)
    if end >= 4 and _pair_at(text, end - 4):
        return (4, 3, 2)
    return (3, 2)


def _pair_at(text: str, start: int) -> bool:
    """Whether a 冠夫姓 pair starts at ``start`` with no Chinese character right before it."""
    return (
        text[start] in _PAIR_FIRST
        and text[start + 1] in _SINGLE_SET
        and not (start > 0 and "\u4e00" <= text[start - 1] <= "\u9fff")
    )


def classify_name_cell(value: str) -> float:
    """Return the confidence that a whole cell of a name column is a Chinese personal name (0 if not)."""
    text = value.strip()
    if WHOLE.fullmatch(text):
        return 0.95
    if DOTTED_NAME.fullmatch(text):
        return 0.9  # 瓦歷斯·諾幹
    if _CJK_NAME.fullmatch(text):
        return 0.7
    return 0.0


#: A name written in capitals as a passport or an ARC prints a foreign national's name (NGUYEN THI HOA,
#: SITI AMINAH): two to four words of capital letters, each of two letters or more.
_CAPITALS_NAME: Final = re.compile(r"[A-Z]{2,12}(?: [A-Z]{2,12}){1,3}")


def latin_name_cell(value: str) -> str | None:
    """Return the canonical name when a whole cell of a name column is a name in Latin letters: a
    romanised Taiwanese name (Tien Tzu-kuan, CHEN, CHIA-HAO; Jason Kao with a listed surname) or a foreign
    national's name in capitals (NGUYEN THI HOA); ``None`` otherwise. Asked only of name columns."""
    text = value.strip()
    if not text.isascii() or not 4 <= len(text) <= 40:
        return None
    m = ROMAN_NAME.fullmatch(text)
    if m is not None and (m.group("s3") is None or m.group("s3").capitalize() in ROMAN_SURNAMES):
        return canonical_name(text)  # a hyphenated given name is cue enough in a name column
    if _CAPITALS_NAME.fullmatch(text):
        return canonical_name(text)
    return None


def surname_name(value: str) -> bool:
    """Whether a whole cell is a common surname and one or two characters, and no common word or place
    (the cells that make a column without a name read as a name column; see cells.inferred_hints)."""
    text = value.strip()
    return WHOLE.fullmatch(text) is not None and not _common(text) and not _place(text)
