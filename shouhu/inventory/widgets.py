"""The searchable MOJ code picker: server-rendered checkboxes (usable without JavaScript), enhanced by
``inventory/picker.js`` with a search box, a selected-only view and keyboard moves (no inline script: CSP).

Each option shows the code as the MOJ list prints it (「〇〇一 人身保險」, 「C〇〇一 辨識個人者」 in zh-TW;
「001」 in English) and marks wording that is not yet confirmed: a code transcribed from one copy only
(``verification == "single-source"``), wording an administrator supplied, and custom purposes.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from django import forms
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from shouhu.inventory.models import Category, Purpose, RefStatus

# How the MOJ list writes its codes: 〇〇一, C〇〇一.
OFFICIAL_DIGITS = str.maketrans("0123456789", "〇一二三四五六七八九")
UNVERIFIED = "single-source"


def official_code(code: str) -> str:
    """``001`` → ``〇〇一``, ``C001`` → ``C〇〇一`` (the MOJ list's own writing)."""
    return code.translate(OFFICIAL_DIGITS)


def display_code(code: str) -> str:
    """The code as a reader of this page expects it: the MOJ writing in Chinese, digits in English."""
    return code if (get_language() or "").startswith("en") else official_code(code)


def flags(item: Purpose | Category) -> list[dict[str, str]]:
    """Marks that tell the reader how far the option's wording can be relied on."""
    marks: list[dict[str, str]] = []
    if item.status == RefStatus.CUSTOM:
        marks.append({"label": str(_("自訂")), "kind": "custom", "title": str(_("本公司自訂，無法務部代碼"))})
    elif item.status == RefStatus.ADMIN:
        title = str(_("文字由管理者填寫，出處：{source}")).format(source=item.source or "—")
        marks.append({"label": str(_("管理者填寫")), "kind": "admin", "title": title})
    elif item.verification == UNVERIFIED:
        marks.append(
            {
                "label": str(_("文字待查證")),
                "kind": "unverified",
                "title": str(
                    _("此代碼的文字僅見於一份轉錄，尚未與法務部公告原文核對。轉錄出處：{copy}")
                ).format(copy=item.transcribed_from or "—"),
            }
        )
    if isinstance(item, Category) and item.special:
        # The stored basis cites the Chinese article; English pages keep the translated label alone.
        basis = "" if (get_language() or "").startswith("en") else item.special_basis
        marks.append(
            {
                "label": str(_("第 6 條")),
                "kind": "special",
                "title": str(_("個資法第 6 條特種個資")) + (f"：{basis}" if basis else ""),
            }
        )
    return marks


class CodePicker(forms.CheckboxSelectMultiple):
    """Checkboxes for MOJ purposes or categories, each with its code, name and verification marks."""

    template_name = "inventory/widgets/code_picker.html"
    option_template_name = "inventory/widgets/code_option.html"

    class Media:
        js = ["inventory/picker.js"]

    def __init__(self, *, search_label: str | Promise, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.search_label = search_label

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"]["search_label"] = self.search_label
        context["widget"]["has_unverified"] = any(
            flag["kind"] == "unverified"
            for _group, options, _index in context["widget"]["optgroups"]
            for option in options
            for flag in option.get("flags", [])
        )
        return context

    def create_option(
        self,
        name: str,
        value: Any,
        label: Any,
        selected: bool,
        index: int,
        subindex: int | None = None,
        attrs: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        item = getattr(value, "instance", None)
        if isinstance(item, Purpose | Category):
            code = item.code or ""
            option["code"] = display_code(code) if code else ""
            option["official_name"] = item.name
            option["flags"] = flags(item)
            words = [code, official_code(code), item.name, *(f["label"] for f in option["flags"])]
            option["search"] = unicodedata.normalize("NFKC", " ".join(w for w in words if w)).casefold()
        return option
