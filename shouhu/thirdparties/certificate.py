"""The end-of-contract deletion certificate (資料刪除證明書): wording here, layout in docx/certificate.docx."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.utils import timezone

from shouhu.core.exports import docx_from_template
from shouhu.core.rocdate import format_roc_date

TEMPLATE = Path(__file__).resolve().parent / "docx" / "certificate.docx"


def _company() -> tuple[str, str]:
    from shouhu.organization.selectors import company

    profile = company()
    return (profile.name, profile.representative) if profile else ("本公司", "")


def build(*, client: Any, contract_ended_on: dt.date, records: Sequence[Any]) -> bytes:
    name, representative = _company()
    lines = []
    for number, r in enumerate(records, start=1):
        line = (
            f"{number}. {r.get_kind_display()}：{r.data_description}；方法：{r.method}；"
            f"時間：{format_roc_date(r.performed_at, with_time=True)}；地點：{r.place}；執行人：{r.performed_by}"
        )
        if r.witness:
            line += f"；監督人：{r.witness}"
        if r.recipient:
            line += f"；移轉對象：{r.recipient}（依據：{r.recipient_basis}）"
        lines.append(line)
    return docx_from_template(
        TEMPLATE,
        {
            "company_name": name,
            "representative": representative,
            "client_name": client.name,
            "contract_ended": format_roc_date(contract_ended_on),
            "issued_date": format_roc_date(timezone.localdate()),
            "records": "\n".join(lines),
        },
    )
