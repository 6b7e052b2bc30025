"""English for the clock texts the catalogue keeps in Chinese only: who is notified, and who must act.

Rule titles carry ``title_en`` in the catalogue itself. Recipients are few and repeat across rules, so they
are one table here (``tests/engines/law/test_english.py`` fails when a catalogue recipient has no English).
Official documents stay in Chinese; these texts are for English pages only.
"""

from __future__ import annotations

import re

RECIPIENTS_EN: dict[str, str] = {
    "上級或監督機關及主管機關": "The supervising authority and the competent authority",
    "中央目的事業主管機關（依其指定之方式）": "The central competent authority for the industry (in the way it designates)",
    "中央目的事業主管機關（第3、4級事件轉送數位發展部）": (
        "The central competent authority for the industry (level 3 and 4 incidents are passed on to the "
        "Ministry of Digital Affairs)"
    ),
    "主管機關": "The competent authority",
    "主管機關（備查）": "The competent authority (for its records)",
    "主管機關（教育部）": "The competent authority (Ministry of Education)",
    "主管機關（教育部，備查）": "The competent authority (Ministry of Education, for its records)",
    "主管機關（通報流程及書表由直轄市、縣（市）主管機關公告）": (
        "The competent authority (the municipal or county authority publishes the procedure and forms)"
    ),
    "主管機關，並副知交通部公路局（2023-09-15前為公路總局）": (
        "The competent authority, copying the Highway Bureau, MOTC (before 2023-09-15 the Directorate General "
        "of Highways)"
    ),
    "主管機關；向地方主管機關通報者並副知中央主管機關（經濟部）": (
        "The competent authority; a report to the local authority also copies the central authority (Ministry "
        "of Economic Affairs)"
    ),
    "主管機關；通報直轄市、縣（市）政府者並副知教育部": (
        "The competent authority; a report to a municipal or county government also copies the Ministry of "
        "Education"
    ),
    "依中央目的事業主管機關指定之方式通知": "In the way the central competent authority for the industry designates",
    "依經濟部指定之機制": "Through the channel the Ministry of Economic Affairs designates",
    "個人資料保護委員會": "Personal Data Protection Commission",
    "內部：停止以該當事人個資行銷": "Internal: stop marketing with the data subject's data",
    "其主管機關；通報地方主管機關者並副知交通部": (
        "Its competent authority; a report to the local authority also copies the Ministry of Transportation "
        "and Communications"
    ),
    "國家通訊傳播委員會": "National Communications Commission",
    "地方主管機關": "The local competent authority",
    "地方主管機關，並副知交通部": (
        "The local competent authority, copying the Ministry of Transportation and Communications"
    ),
    "委託機關": "The commissioning agency",
    "委託機關（委託者）": "The commissioning agency (the client)",
    "所在地之直轄市、縣（市）政府，並副知中央目的事業主管機關（勞動部）": (
        "The local municipal or county government, copying the central competent authority (Ministry of Labor)"
    ),
    "數位發展部；或通報直轄市、縣（市）政府並副知數位發展部": (
        "Ministry of Digital Affairs; or the municipal or county government, copying the Ministry of Digital "
        "Affairs"
    ),
    "數位發展部；或通報直轄市、縣（市）政府並副知數位發展部（2022-08-27起之主管機關）": (
        "Ministry of Digital Affairs; or the municipal or county government, copying the Ministry of Digital "
        "Affairs (the competent authority from 2022-08-27)"
    ),
    "曾提供利用之對象": "Everyone the data was earlier given to",
    "有關單位": "The authorities concerned",
    "當事人": "The data subjects",
    "當事人（個別通知需費過鉅者，得以網際網路、新聞媒體或其他適當公開方式為之）": (
        "The data subjects (where notifying each one costs too much: on the internet, in the news media or in "
        "another suitable public way)"
    ),
    "直轄市、縣（市）主管機關": "The municipal or county competent authority",
    "直轄市、縣（市）主管機關（備查）": "The municipal or county competent authority (for its records)",
    "直轄市、縣（市）主管機關，並副知中央主管機關（教育部）": (
        "The municipal or county competent authority, copying the central authority (Ministry of Education)"
    ),
    "直轄市、縣（市）主管機關，並副知中央主管機關（衛生福利部）": (
        "The municipal or county competent authority, copying the central authority (Ministry of Health and "
        "Welfare)"
    ),
    "直轄市、縣（市）主管機關，並通知中央主管機關（衛生福利部）": (
        "The municipal or county competent authority, also notifying the central authority (Ministry of Health "
        "and Welfare)"
    ),
    "直轄市或縣（市）主管機關，並副知中央主管機關（衛生福利部）": (
        "The municipal or county competent authority, copying the central authority (Ministry of Health and "
        "Welfare)"
    ),
    "經濟部": "Ministry of Economic Affairs",
    "經濟部或直轄市、縣（市）政府": "Ministry of Economic Affairs or the municipal or county government",
    "經濟部；或通報直轄市、縣（市）政府並副知經濟部": (
        "Ministry of Economic Affairs; or the municipal or county government, copying the Ministry of Economic "
        "Affairs"
    ),
    "總機構所在地直轄市或縣（市）主管機關，並副知中央主管機關（2022-08-27起為數位發展部）": (
        "The municipal or county authority where the head office is, copying the central authority (the "
        "Ministry of Digital Affairs from 2022-08-27)"
    ),
    "行政院農業委員會": "Council of Agriculture, Executive Yuan",
    "請求人（當事人）": "The requester (the data subject)",
    "農業部（2023-08-01前為行政院農業委員會）": (
        "Ministry of Agriculture (before 2023-08-01 the Council of Agriculture)"
    ),
    "金融監督管理委員會": "Financial Supervisory Commission",
}

_SELF = "本公司"
_TO_CLIENT = re.compile(r"^本公司（受託者）→ (?P<client>.+)$")
_FOR_CLIENT = re.compile(r"^(?P<client>.+?)（本公司為受託者，依個資法第4條及數位經濟辦法第19條應配合遵循）$")
_CLIENT = re.compile(r"^委託者「(?P<name>.+)」$")  # PartyFacts.label_zh of a client


def _client_en(client_zh: str) -> str:
    """「委託者「X」」 → 'the client “X”' (the name stays as written); anything else unchanged."""
    match = _CLIENT.match(client_zh)
    return f"the client \u201c{match['name']}\u201d" if match else client_zh


def recipient_en(recipient_zh: str) -> str | None:
    """The English for a clock's recipient, or None when the table has none (show the Chinese then)."""
    return RECIPIENTS_EN.get(recipient_zh)


def obligor_en(obligor_zh: str) -> str | None:
    """The English for who must act (the engine writes one of three shapes; client names stay as written)."""
    if obligor_zh == _SELF:
        return "Our company"
    if match := _TO_CLIENT.match(obligor_zh):
        return f"Our company (as processor) → {_client_en(match['client'])}"
    if match := _FOR_CLIENT.match(obligor_zh):
        return (
            f"{_client_en(match['client'])} (our company, as its processor, complies too: PDPA Art. 4 and the digital "
            "economy rules Art. 19)"
        )
    return None


_ARTICLE = re.compile(r"第(?P<article>\d+(?:-\d+)?)條(?P<rest>(?:第\d+項|第\d+款|但書)*)")
_PART = re.compile(r"第(\d+)[項款]|但書")


def article_en(article_zh: str) -> str | None:
    """An article reference in English: 「第8條第1項第4款」 → "Art. 8(1)(4)", 「第13條第2項、第3項」 →
    "Art. 13(2), (3)", 「第4條第2項但書」 → "Art. 4(2) proviso"; None for a shape it does not know."""
    out = []
    for piece in article_zh.split("、"):
        if match := _ARTICLE.fullmatch(piece):
            parts = "".join(
                " proviso" if p.group(0) == "但書" else f"({p.group(1)})"
                for p in _PART.finditer(match["rest"])
            )
            out.append(f"Art. {match['article']}{parts}")
        elif (part := _PART.fullmatch(piece)) and out and part.group(1):
            out.append(f"({part.group(1)})")
        else:
            return None
    return ", ".join(out)
