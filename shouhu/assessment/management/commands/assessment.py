"""``shouhu assessment``: list assessments, print scores, export reports (DOCX, XLSX, PDF, OSCAL)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from shouhu.accounts.models import User
from shouhu.assessment import oscal_export, reports, selectors, services
from shouhu.assessment.models import Assessment
from shouhu.assessment.scoring import score
from shouhu.core import request_context
from shouhu.core.exports import ExportError

FORMATS = ("docx", "xlsx", "pdf", "oscal")


class Command(BaseCommand):
    help = "自我檢查與稽核 / Assessments: list, scores, export (docx, xlsx, pdf, oscal)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("list", help="列出檢查 / list assessments")
        scores = sub.add_parser("scores", help="顯示得分率 / print scores")
        scores.add_argument("id", type=int, help="檢查編號 / assessment id")
        export = sub.add_parser("export", help="匯出報告 / export a report")
        export.add_argument("id", type=int, help="檢查編號 / assessment id")
        export.add_argument("--format", choices=FORMATS, default="docx", help="格式 / format")
        export.add_argument("--user", required=True, help="以此帳號的權限匯出並記錄稽核 / acting user")
        export.add_argument("--output", "-o", required=True, help="輸出檔案 / output file")

    def handle(self, *args: Any, **opts: Any) -> None:
        if opts["action"] == "list":
            for a in selectors.assessments():
                self.stdout.write(
                    f"{a.pk}\t{a.get_kind_display()}\t{a.assessed_on}\t{a.get_state_display()}"
                    f"\t{getattr(a, 'answered', '?')}/{getattr(a, 'total', '?')}"
                )
            return
        assessment = Assessment.objects.filter(pk=opts["id"]).first()
        if assessment is None:
            raise CommandError(f"找不到檢查 #{opts['id']}。/ No such assessment.")
        if opts["action"] == "scores":
            card = score(
                services.catalogue_of(assessment), assessment.table_ids, selectors.results(assessment)
            )
            for part in [card.overall, *card.tables]:
                self.stdout.write(
                    f"{part.label}\t整體 {part.all.percent}%\t基本 {part.basic.percent}%"
                    f"\t◎ {part.advanced.percent}%"
                )
            return
        self._export(assessment, opts)

    def _export(self, assessment: Assessment, opts: dict[str, Any]) -> None:
        user = User.objects.filter(username=opts["user"], is_active=True).first()
        if user is None:
            raise CommandError(f"找不到啟用中的帳號「{opts['user']}」。/ No such active user.")
        fmt = opts["format"]
        try:
            with request_context.using(request_context.RequestContext(ip=None, channel="cli")):
                if fmt == "oscal":
                    document = oscal_export.assessment_results(actor=user, assessment=assessment)
                    data = (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode()
                else:
                    exporter = {
                        "docx": reports.docx_report,
                        "xlsx": reports.xlsx_report,
                        "pdf": reports.pdf_report,
                    }[fmt]
                    data = exporter(actor=user, assessment=assessment)
        except (PermissionDenied, ValidationError, ExportError) as exc:
            raise CommandError(str(exc)) from exc
        try:
            Path(opts["output"]).write_bytes(data)
        except OSError as exc:
            raise CommandError(f"無法寫入 {opts['output']}：{exc.strerror} / cannot write the file") from exc
        self.stderr.write(f"已匯出 {fmt}：{opts['output']}（{len(data):,} bytes）")
