"""Template filters of the law pages."""

from __future__ import annotations

import re
from collections.abc import Iterable

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

_FIELDS = {
    "pcode": ("法規代碼", "law code"), "name_zh": ("名稱", "name"), "name_en": ("英文名稱", "English name"),
    "competent_authority_zh": ("主管機關", "competent authority"), "source_url": ("來源", "source"),
    "effective_from": ("生效日", "effective date"), "effective_to": ("失效日", "end date"),
    "promulgated_on": ("公布日", "promulgation date"), "text": ("條文內容", "text of the article"),
    "article": ("條次", "article number"), "duration": ("期間", "period"), "unit": ("單位", "unit"),
    "anchor": ("起算點", "start of the period"), "recipient_zh": ("通報對象", "recipient"),
    "content_zh": ("內容", "content"), "form_zh": ("格式", "form"), "max_extension": ("延長期間", "extension"),
    "applies_if": ("適用條件", "condition"), "level_in": ("適用等級", "levels"), "period": ("保存期間", "retention period"),
    "name": ("名稱", "name"),
    "status": ("現行狀態", "whether in force"), "articles": ("條次", "article numbers"), "deadlines": ("期限", "time limits"),
    "counting": ("期間計算方式（是否計入始日）", "how the period is counted (whether the first day counts)"),
    "first_effective_on": ("首次施行日", "first effective date"),
    "annex1_industries": ("附表一適用行業", "industries listed in Annex 1"),
    "industry_mapping": ("行業代碼對應", "mapping to industry codes"),
    "form_fields": ("通報表欄位", "fields of the report form"),
    "notice_24h": ("24小時內通知當事人", "notifying data subjects within 24 hours"),
    "petrol_station_effective_from": ("加油站業施行日", "effective date for petrol stations"),
    "text_art11_art20": ("第11條及第20條條文", "text of Articles 11 and 20"),
}  # fmt: skip


@register.filter
def unverified_fields(fields: Iterable[str]) -> str:
    """Name the unverified fields in the page's language: ("effective_from", "text") → 生效日、條文內容."""
    from shouhu.core.bilingual import english

    if english():
        return ", ".join(_FIELDS[f][1] if f in _FIELDS else f for f in fields)
    return "、".join(_FIELDS[f][0] if f in _FIELDS else f for f in fields)


_UNITS = {"Y": ("年", "year", "years"), "M": ("個月", "month", "months"), "D": ("日", "day", "days")}


@register.filter
def frequency_text(frequency: str | None) -> str:
    """ "P1Y" → 每1年 / every year, "P6M" → 每6個月 / every 6 months; anything else unchanged."""
    from shouhu.core.bilingual import english

    text = frequency or ""
    if len(text) >= 3 and text[0] == "P" and text[-1] in _UNITS and text[1:-1].isdigit():
        n, (zh, one, many) = int(text[1:-1]), _UNITS[text[-1]]
        if english():
            return f"every {one}" if n == 1 else f"every {n} {many}"
        return f"每{n}{zh}"
    return text


@register.filter
def period_text(period: str | None) -> str:
    """ "P5Y" → 5 年 / 5 years, "P6M" → 6 個月 / 6 months (a retention period); anything else unchanged."""
    from shouhu.core.bilingual import english

    text = period or ""
    if len(text) >= 3 and text[0] == "P" and text[-1] in _UNITS and text[1:-1].isdigit():
        n, (zh, one, many) = int(text[1:-1]), _UNITS[text[-1]]
        if english():
            return f"{n} {one if n == 1 else many}"
        return f"{n} {zh}"
    return text


_RETENTION_STARTS = {
    "record_created": ("紀錄作成時", "when the record is made"),
    "business_terminated": ("業務終止時", "when the business ends"),
    "damage_occurred": ("損害發生時", "when the damage occurs"),
}


@register.filter
def retention_start_text(start: str) -> str:
    """What a retention period runs from, in the page's language (record_created → 紀錄作成時)."""
    from shouhu.core.bilingual import pick

    zh, en = _RETENTION_STARTS.get(start, (start, start))
    return pick(zh, en)


@register.filter
def applicability_text(rule_id: str) -> str:
    """An applicability rule id in words in the page's language (「醫院安維辦法」); "always" → 一律 / always."""
    from shouhu.core.bilingual import pick
    from shouhu.law.selectors import applicability_title, applicability_title_en

    if rule_id == "always":
        return pick("一律", "always")
    return pick(applicability_title(rule_id), applicability_title_en(rule_id))


@register.filter
def law_version_text(obligation: object) -> str:
    """The law version behind a calendar item in words (「2023年10月12日發布」), never its code."""
    from shouhu.core.bilingual import english
    from shouhu.law.selectors import law_version_label

    return law_version_label(
        getattr(obligation, "condition", ""), getattr(obligation, "law_version", ""), english=english()
    )


@register.filter
def version_label(law: object, version_id: str) -> str:
    """The label of version ``version_id`` of ``law`` in the page's language, never the code."""
    from shouhu.core.bilingual import pick

    try:
        version = law.version(version_id)  # type: ignore[attr-defined]
    except (AttributeError, KeyError):
        return ""
    return pick(str(version.label_zh), str(version.label_en))


@register.filter
def recipient_text(recipient_zh: str) -> str:
    """Who is notified, in the page's language (the catalogue keeps it in Chinese; English from a table)."""
    from shouhu.core.bilingual import pick
    from shouhu.engines.law.english import recipient_en

    return pick(recipient_zh, recipient_en(recipient_zh))


@register.filter
def obligor_text(obligor_zh: str) -> str:
    """Who must act, in the page's language."""
    from shouhu.core.bilingual import pick
    from shouhu.engines.law.english import obligor_en

    return pick(obligor_zh, obligor_en(obligor_zh))


@register.filter
def article_text(article_zh: str) -> str:
    """An article reference in the page's language (「第8條第5項」 / "Art. 8(5)")."""
    from shouhu.core.bilingual import pick
    from shouhu.engines.law.english import article_en

    return pick(article_zh, article_en(article_zh))


# A research note's reference to one file of the Laws & Regulations Database's JSON export
# (「mojLawSplitJSON Eng_FalVMingLing/I0050022.json」): readers see the database's name, linked to the law's
# page there; the file reference stays in the link's title (the data keeps it as the source).
_DATABASE_FILE = re.compile(r"mojLawSplitJSON (?P<folder>Eng_)?FalVMingLing/(?P<pcode>[A-Z]\d{7})\.json")


@register.filter
def law_note(text: str) -> SafeString:
    """A catalogue note with database file references shown as a named link, not as a code."""
    from shouhu.core.bilingual import pick

    def link(match: re.Match[str]) -> str:
        page = "ENG/LawClass" if match["folder"] else "LawClass"
        return format_html(
            '<a href="https://law.moj.gov.tw/{}/LawAll.aspx?pcode={}" title="{}" rel="noopener noreferrer" '
            'target="_blank" data-testid="law-database-source">{}</a>',
            page,
            match["pcode"],
            match[0],
            pick("全國法規資料庫", "Laws & Regulations Database of the ROC"),
        )

    # The note is escaped first; only the links built above are HTML.
    return mark_safe(_DATABASE_FILE.sub(link, str(conditional_escape(text or ""))))
