"""Written documents of a request: the extension notice, the refusal letter and the forward to a client.

The wording is built here; the layout is the template ``docx/letter.docx``. Nothing here writes: the
services store the result in the evidence store and audit it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.utils import timezone

from shouhu.core.exports import docx_from_template
from shouhu.core.rocdate import format_roc_date
from shouhu.requests.models import RefusalGround, SubjectRequest

LETTER = Path(__file__).resolve().parent / "docx" / "letter.docx"


def company_name() -> str:
    from shouhu.organization.selectors import company

    profile = company()
    return profile.name if profile else "本公司"


def _roc(value: Any) -> str:
    return format_roc_date(value, with_time=True) if value else "（未定）"


def _base(request: SubjectRequest, **values: str) -> dict[str, str]:
    return {
        "company_name": company_name(),
        "addressee": request.requester_name,
        "sent_date": format_roc_date(timezone.localdate()),
        "case_no": request.number,
        "contact": "本公司個人資料保護窗口",
        **values,
    }


def extension_notice(request: SubjectRequest) -> bytes:
    """PDPA Art. 13: the written notice that the decision period is extended, with the reason."""
    body = "\n".join(
        [
            f"一、臺端於{_roc(request.received_at)}向本公司提出{request.get_kind_display()}之請求，本公司已受理。",
            f"二、因{request.extension_reason.strip()}，本公司無法於原定期限{_roc(request.due_at)}前完成准駁決定。",
            f"三、依法延長處理期限，本公司將於{_roc(request.max_extended_due_at)}前以書面通知准駁結果。",
        ]
    )
    return docx_from_template(
        LETTER,
        _base(
            request,
            title="延長處理期限通知書",
            subject=f"臺端所提{request.get_kind_display()}之請求，延長處理期限，請查照。",
            body=body,
            legal_basis=request.legal_basis_zh or "個人資料保護法第13條",
        ),
    )


def refusal_letter(request: SubjectRequest) -> bytes:
    """The written refusal with its statutory ground."""
    ground = RefusalGround(request.refusal_ground).label
    lines = [
        f"一、臺端於{_roc(request.received_at)}向本公司提出{request.get_kind_display()}之請求。",
        f"二、經審查，本請求因下列事由，歉難照辦：{ground}。",
    ]
    if request.refusal_reason.strip():
        lines.append(f"三、說明：{request.refusal_reason.strip()}")
    lines.append(
        f"{'四' if request.refusal_reason.strip() else '三'}、臺端如對本決定有疑義，得向本公司個人資料保護窗口"
        "陳述意見，或依法向主管機關申訴。"
    )
    return docx_from_template(
        LETTER,
        _base(
            request,
            title="當事人請求處理結果通知書",
            subject=f"臺端所提{request.get_kind_display()}之請求，處理結果如說明，請查照。",
            body="\n".join(lines),
            legal_basis=f"{request.legal_basis_zh}；{ground}",
        ),
    )


def forward_text(request: SubjectRequest) -> str:
    """The cover text of a request forwarded to the client that controls the data."""
    return "\n".join(
        [
            f"一、本公司受 貴公司委託處理個人資料，於{_roc(request.received_at)}收到當事人"
            f"「{request.requester_name}」之{request.get_kind_display()}請求（收受管道：{request.get_channel_display()}）。",
            f"二、請求涉及之個人資料：{request.data_concerned.strip() or '（請求人未指明）'}",
            f"三、請求內容：{request.details.strip() or '（無補充說明）'}",
            f"四、依法應於{_roc(request.current_due_at)}前為准駁決定（{request.legal_basis_zh}）。"
            "本公司為受託者，不代 貴公司答覆當事人，請 貴公司決定並以書面指示本公司後續處理方式。",
        ]
    )


def forward_document(request: SubjectRequest) -> bytes:
    client = request.client
    return docx_from_template(
        LETTER,
        _base(
            request,
            addressee=client.name if client else "",
            title="當事人請求轉交通知",
            subject="轉交當事人行使個人資料權利之請求，請 貴公司決定後指示本公司。",
            body=forward_text(request),
            legal_basis="個人資料保護法第4條、施行細則第8條（受託者依委託機關指示處理）",
        ),
    )
