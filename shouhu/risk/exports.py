"""「個人資料風險評估清冊」 workbook: the register, planned actions and the assessment history."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from shouhu.core.exports import printable, xlsx_bytes
from shouhu.core.official import in_official_language
from shouhu.core.rocdate import format_roc_date
from shouhu.risk.importing import RISK_COLUMNS
from shouhu.risk.models import Assessment, Risk, RiskAction
from shouhu.risk.scoring import current_matrix, level_label


def risk_rows(qs: Iterable[Risk]) -> Iterable[Sequence[Any]]:
    matrix = current_matrix()
    for r in qs:
        yield [
            r.get_scope_display(),
            r.system.name if r.system else "",
            r.file.department.name if r.file else (r.department.name if r.department else ""),
            r.file.name if r.file else "",
            r.get_activity_display() if r.activity else "",
            r.get_threat_display(),
            r.description,
            r.likelihood,
            r.impact,
            r.inherent_score,
            level_label(r.inherent_score, matrix),
            r.existing_controls,
            "、".join(r.control_items),
            r.get_treatment_display() if r.treatment else "",
            r.accepted_by,
            r.accepted_on,
            r.residual_likelihood,
            r.residual_impact,
            r.residual_score,
            r.owner,
            r.assessed_on,
            r.next_review,
        ]


@in_official_language
def register_xlsx(qs: QuerySet[Risk]) -> bytes:
    today = format_roc_date(timezone.localdate())
    qs = qs.select_related("system", "file", "file__department", "department")
    actions = RiskAction.objects.filter(risk__in=qs).select_related("risk", "risk__system", "risk__file")
    history = Assessment.objects.filter(risk__in=qs).select_related("risk", "risk__system", "risk__file")
    data = xlsx_bytes(
        {
            "風險評估清冊": (list(RISK_COLUMNS), risk_rows(qs.iterator(chunk_size=2000))),
            "風險處理措施": (
                ["風險", "預定措施", "負責人", "預定完成日", "狀態", "完成日"],
                (
                    [str(a.risk), a.description, a.owner, a.due_date, a.get_status_display(), a.done_on]
                    for a in actions
                ),
            ),
            "評估歷程": (
                [
                    "風險",
                    "版次",
                    "評估日期",
                    "可能性",
                    "衝擊",
                    "固有風險值",
                    "殘餘風險值",
                    "風險處理",
                    "說明",
                ],
                (
                    [
                        str(h.risk),
                        h.version,
                        h.assessed_on,
                        h.likelihood,
                        h.impact,
                        h.inherent_score,
                        h.residual_score,
                        h.treatment,
                        h.note,
                    ]
                    for h in history.order_by("risk_id", "version")
                ),
            ),
        },
        title=f"個人資料風險評估清冊（{today}）",
    )
    return printable(data, footer=f"個人資料風險評估清冊 {today}")
