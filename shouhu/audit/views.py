from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from shouhu.accounts.permissions import require
from shouhu.audit import selectors
from shouhu.audit.labels import action_label, object_type_label
from shouhu.audit.presenters import change_rows
from shouhu.audit.services import record
from shouhu.core.exports import CSV_MIME, XLSX_MIME, csv_bytes, xlsx_bytes
from shouhu.core.formtools import paginate
from shouhu.core.rocdate import RocDateError, parse_date

# The export reads in the reader's language: its headings, and the object's name when the system composed it
# (``AuditEvent.object_shown``; the stored zh-TW name stays in the database, where the hash chain covers it).
HEADERS = [
    gettext_noop("編號"),
    gettext_noop("時間（臺北）"),
    gettext_noop("使用者"),
    gettext_noop("來源 IP"),
    gettext_noop("管道"),
    gettext_noop("動作"),
    gettext_noop("物件類型"),
    gettext_noop("物件編號"),
    gettext_noop("物件"),
    gettext_noop("變更內容"),
]
EXPORT_LIMIT = 200_000


def _filters(request: HttpRequest) -> tuple[dict[str, object], list[str]]:
    errors = []
    params: dict[str, object] = {k: request.GET.get(k, "").strip() for k in ("user", "object_type", "action")}
    for key in ("date_from", "date_to"):
        raw = request.GET.get(key, "").strip()
        params[key] = None
        if raw:
            try:
                params[key] = parse_date(raw)
            except RocDateError as exc:
                errors.append(str(exc))
    return params, errors


@login_required
def audit_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "audit.view")
    params, errors = _filters(request)
    qs = selectors.audit_events(**params)  # type: ignore[arg-type]
    fmt = request.GET.get("format")
    if fmt in {"csv", "xlsx"}:
        require(request.user, "audit.export")
        rows = (
            [
                e.pk,
                e.created_at,
                e.actor_label,
                e.ip,
                e.channel,
                e.action,
                e.object_type,
                e.object_id,
                e.object_shown,
                e.changes,
            ]
            for e in qs[:EXPORT_LIMIT].iterator()
        )
        record(
            actor=request.user,
            action="audit.exported",
            object_type="audit.auditevent",
            changes={"format": [None, fmt], "filters": [None, {k: str(v) for k, v in params.items() if v}]},
        )
        headers = [_(h) for h in HEADERS]
        if fmt == "csv":
            response = HttpResponse(csv_bytes(headers, rows), content_type=CSV_MIME)
        else:
            response = HttpResponse(
                xlsx_bytes({_("稽核紀錄"): (headers, rows)}, title=_("稽核紀錄")), content_type=XLSX_MIME
            )
        response["Content-Disposition"] = f'attachment; filename="audit-log.{fmt}"'
        return response
    page = paginate(request, qs)
    page.object_list = list(page.object_list)
    for event in page.object_list:
        event.change_rows = change_rows(event.object_type, event.changes)
    return render(
        request,
        "audit/list.html",
        {
            "page": page,
            "params": params,
            "errors": errors,
            "object_types": [(t, object_type_label(t)) for t in selectors.object_types()],
            "actions": sorted(((a, action_label(a)) for a in selectors.actions()), key=lambda pair: pair[1]),
            "query": request.GET.urlencode(),
        },
    )
