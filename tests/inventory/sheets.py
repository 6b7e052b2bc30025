"""Build XLSX and CSV uploads for import tests."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook

FILE_HEADERS = [
    "個人資料檔案名稱",
    "權責部門",
    "業務流程",
    "本公司角色",
    "委託者",
    "當事人類型",
    "特定目的",
    "個資類別",
    "蒐集依據(個資法第19條)",
    "一般個資筆數",
    "筆數計算日期",
    "系統",
    "蒐集方式",
    "利用方式",
    "刪除方式",
]


def file_row(name: str = "會員資料", **kw: Any) -> list[Any]:
    values = {
        "個人資料檔案名稱": name,
        "權責部門": "資訊部",
        "業務流程": "電商會員服務",
        "本公司角色": "受託者",
        "委託者": "好物商城股份有限公司",
        "當事人類型": "委託者之消費者",
        "特定目的": "148、090",
        "個資類別": "C001、C002",
        "蒐集依據(個資法第19條)": "二",
        "一般個資筆數": 1200,
        "筆數計算日期": "2026-11-01",
        "系統": "",
        "蒐集方式": "會員註冊",
        "利用方式": "出貨",
        "刪除方式": "到期刪除",
    }
    values.update(kw)
    return [values[h] for h in FILE_HEADERS]


def xlsx(
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    title: str | None = "個人資料盤點表",
    merges: Sequence[str] = (),
    blank_rows: Sequence[int] = (),
) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    if title:
        ws.append([title])
        ws.append([])
    ws.append(list(headers))
    for i, row in enumerate(rows):
        if i in blank_rows:
            ws.append([])
        ws.append(list(row))
    for ref in merges:
        ws.merge_cells(ref)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def with_cached_value(data: bytes, cell: str, value: str) -> bytes:
    """Add the value Excel would have saved for a formula cell (openpyxl writes formulas without one)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            content = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = content.decode()
                text = re.sub(
                    rf'(<c r="{cell}"[^>]*>)(<f>[^<]*</f>)(<v\s*/>|<v></v>)?',
                    lambda m: f"{m.group(1)}{m.group(2)}<v>{value}</v>",
                    text,
                )
                content = text.encode()
            dst.writestr(item, content)
    return out.getvalue()


def csv_bytes(headers: Sequence[str], rows: Sequence[Sequence[Any]], encoding: str) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(headers)
    writer.writerows(rows)
    return buf.getvalue().encode(encoding)
