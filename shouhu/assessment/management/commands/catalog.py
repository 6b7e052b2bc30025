"""``shouhu catalog export --format oscal [--version V] [--output F]``: the self-check catalogue as OSCAL."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from shouhu.engines.catalog import DEFAULT_VERSION, CatalogueError, available_versions, load_catalogue
from shouhu.engines.catalog.oscal import to_oscal_catalog, validate_oscal


class Command(BaseCommand):
    help = "自我檢查表工具 / Self-check catalogue: export writes an OSCAL 1.1 catalog (validated)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        export = sub.add_parser("export", help="匯出檢查表 / export the catalogue")
        export.add_argument("--format", choices=["oscal"], default="oscal", help="輸出格式 / output format")
        export.add_argument(
            "--version",
            dest="catalogue_version",
            default=DEFAULT_VERSION,
            help=f"檢查表版本 / catalogue version ({', '.join(available_versions())})",
        )
        export.add_argument("--output", "-o", help="輸出檔案（預設為標準輸出）/ output file (default stdout)")
        sub.add_parser("versions", help="列出檢查表版本 / list catalogue versions")

    def handle(self, *args: Any, **opts: Any) -> None:
        if opts["action"] == "versions":
            for version in available_versions():
                catalogue = load_catalogue(version)
                self.stdout.write(f"{catalogue.id}\t{catalogue.label}\t{len(catalogue.items)} 項")
            return
        try:
            document = to_oscal_catalog(load_catalogue(opts["catalogue_version"]))
            validate_oscal(document, "catalog")
        except CatalogueError as exc:
            raise CommandError(str(exc)) from exc
        text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
        output = opts.get("output")
        if not output:
            self.stdout.write(text, ending="")
            return
        try:
            Path(output).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise CommandError(f"無法寫入 {output}：{exc.strerror} / cannot write the file") from exc
        self.stderr.write(f"已匯出 OSCAL catalog：{output}（{len(document['catalog']['groups'])} 個檢查表）")
