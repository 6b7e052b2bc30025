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
