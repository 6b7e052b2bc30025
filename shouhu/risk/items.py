"""Checklist items as people read them (「附錄一 3.1.1」) and as they are stored (``pd-3.1.1``)."""

from __future__ import annotations

import re

from django.utils.translation import gettext_lazy as _

from shouhu.engines.catalog.model import TABLE_NAMES_ZH

# The appendix names in the reader's language (zh-TW: the guideline's own 「附錄一」).
_NAMES = {"pd": _("附錄一"), "is": _("附錄二")}
_TABLE_BY_NAME = {name: table for table, name in TABLE_NAMES_ZH.items()}
_PRINTED = re.compile(r"^(附錄[一二]|appendix\s*[12]|pd|is)\s*[-第]?\s*(\d+(?:\.\d+)*)\s*項?$", re.IGNORECASE)
_APPENDIX_EN = {"appendix1": "pd", "appendix2": "is"}


def printed(item_id: str) -> str:
    """``pd-3.1.1`` → 「附錄一 3.1.1」 (``Appendix 1 3.1.1`` in English); anything else is returned unchanged."""
    table, _sep, number = item_id.partition("-")
    name = _NAMES.get(table)
    return f"{name} {number}" if name and number else item_id


def parse(text: str) -> str:
    """「附錄一 3.1.1」, 「附錄一第3.1.1項」, ``Appendix 1 3.1.1`` or ``pd-3.1.1`` → ``pd-3.1.1``."""
    part = text.strip()
    match = _PRINTED.match(part)
    if not match:
        return part.lower()
    head = match.group(1)
    table = _TABLE_BY_NAME.get(head) or _APPENDIX_EN.get(re.sub(r"\s", "", head.lower())) or head.lower()
    return f"{table}-{match.group(2)}"
