"""Template filters of the law pages."""

from __future__ import annotations

from collections.abc import Iterable

from django import template

register = template.Library()

_FIELD_ZH = {
    "pcode": "法規代碼", "name_zh": "名稱", "name_en": "英文名稱", "competent_authority_zh": "主管機關",
    "source_url": "來源", "effective_from": "生效日", "effective_to": "失效日", "promulgated_on": "公布日",
    "text": "條文內容", "article": "條次", "duration": "期間", "unit": "單位", "anchor": "起算點",
    "recipient_zh": "通報對象", "content_zh": "內容", "form_zh": "格式", "max_extension": "延長期間",
    "applies_if": "適用條件", "level_in": "適用等級", "period": "保存期間", "name": "名稱",
}  # fmt: skip


@register.filter
def unverified_zh(fields: Iterable[str]) -> str:
    """Name the unverified fields in words: ("effective_from", "text") → 生效日、條文內容."""
    return "、".join(_FIELD_ZH.get(f, f) for f in fields)


_UNITS = {"Y": "年", "M": "個月", "D": "日"}


@register.filter
def frequency_zh(frequency: str | None) -> str:
    """ "P1Y" → 每1年, "P6M" → 每6個月, "P90D" → 每90日; anything else unchanged."""
    text = frequency or ""
    if len(text) >= 3 and text[0] == "P" and text[-1] in _UNITS and text[1:-1].isdigit():
        return f"每{text[1:-1]}{_UNITS[text[-1]]}"
    return text


@register.filter
def applicability_zh(rule_id: str) -> str:
    """An applicability rule id in words (「醫院安維辦法」); "always" → 一律."""
    from shouhu.law.selectors import applicability_title

    return "一律" if rule_id == "always" else applicability_title(rule_id)


@register.filter
def law_version_zh(obligation: object) -> str:
    """The label of the law version behind a calendar item (「2023年10月12日發布」), never its code."""
    from shouhu.law.selectors import law_version_label

    return law_version_label(getattr(obligation, "condition", ""), getattr(obligation, "law_version", ""))


@register.filter
def version_label(law: object, version_id: str) -> str:
    """The label of version ``version_id`` of ``law`` (「2023年5月31日修正」), never the code."""
    try:
        return str(law.version(version_id).label_zh)  # type: ignore[attr-defined]
    except (AttributeError, KeyError):
        return ""


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
