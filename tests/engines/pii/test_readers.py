"""File readers: one behaviour per format and encoding; fixtures are generated in tmp_path."""

from __future__ import annotations

import io
import json
import os
import zipfile
from pathlib import Path

import pytest

from shouhu.engines.pii import ScanOptions, files, scan_path
from shouhu.engines.pii.files import scan_file

KEY = b"k"
LINE = "客戶資料 手機0912345678 身分證A123456789\n"


def cats(path: Path, opts: ScanOptions | None = None) -> list[tuple[str, object, object]]:
    result = scan_file(str(path), KEY, opts or ScanOptions())
    return [(f.category, f.line or f.row, f.column or f.field) for f in result.findings]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp950", "utf-16", "utf-16-le"])
def test_text_file_in_each_encoding(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "a.txt"
    path.write_text("第一行\n" + LINE, encoding=encoding)
    assert cats(path) == [("mobile_phone", 2, None), ("tw_national_id", 2, None)]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp950", "utf-16"])
def test_csv_with_header_in_each_encoding(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "a.csv"
    path.write_text("姓名,電話,備註\n王小明,0912345678,無\n", encoding=encoding)
    assert cats(path) == [("person_name", 2, "姓名"), ("mobile_phone", 2, "電話")]


def test_tsv_without_header_uses_column_letters(tmp_path: Path) -> None:
    path = tmp_path / "a.tsv"
    path.write_text("A123456789\t0912345678\n", encoding="utf-8")
    assert cats(path) == [("tw_national_id", 1, "A"), ("mobile_phone", 1, "B")]


def test_log_file_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "app.log"
    path.write_text("ok\nok\nlogin from 10.1.2.3 user=a@b.com\n", encoding="utf-8")
    assert cats(path) == [("ip_address", 3, None), ("email", 3, None)]


def test_xlsx_sheet_row_column(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "客戶"
    sheet.append(["姓名", "身分證字號", "生日"])
    sheet.append(["林美華", "A123456789", "1980-05-17"])
    path = tmp_path / "a.xlsx"
    book.save(path)
    result = scan_file(str(path), KEY, ScanOptions())
    assert [(f.category, f.sheet, f.row, f.column) for f in result.findings] == [
        ("person_name", "客戶", 2, "姓名"),
        ("tw_national_id", "客戶", 2, "身分證字號"),
        ("birth_date", "客戶", 2, "生日"),
    ]


def test_xlsx_datetime_cell_in_birth_column(tmp_path: Path) -> None:
    import datetime as dt

    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["出生日期"])
    book.active.append([dt.date(1980, 5, 17)])
    path = tmp_path / "d.xlsx"
    book.save(path)
    assert cats(path) == [("birth_date", 2, "出生日期")]


def test_xls_is_read_with_xlrd_or_skipped_with_reason(tmp_path: Path) -> None:
    path = tmp_path / "old.xls"
    path.write_bytes(b"not really an xls")
    result = scan_file(str(path), KEY, ScanOptions())
    assert [s.reason for s in result.skipped] == ["XLS 損毀或已加密 / corrupt or encrypted XLS"]


def test_docx_paragraphs_and_tables(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("聯絡人王大明先生")
    table = document.add_table(rows=2, cols=1)
    table.cell(0, 0).text = "電子郵件"
    table.cell(1, 0).text = "wang@example.com"
    path = tmp_path / "a.docx"
    document.save(path)
    result = scan_file(str(path), KEY, ScanOptions())
    assert [(f.category, f.line, f.sheet, f.row) for f in result.findings] == [
        ("person_name", 1, None, None),
        ("email", None, "table 1", 2),
    ]


def _pdf_with_text(text: str) -> bytes:
    content = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def test_pdf_text_layer(tmp_path: Path) -> None:
    path = tmp_path / "a.pdf"
    path.write_bytes(_pdf_with_text("Contact: alice@example.com"))
    assert cats(path) == [("email", 1, None)]


def test_corrupt_pdf_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "bad.pdf"
    path.write_bytes(b"%PDF-1.4\ngarbage")
    result = scan_file(str(path), KEY, ScanOptions())
    assert [s.reason for s in result.skipped] == ["PDF 損毀 / corrupt PDF"]


def test_json_fields_use_key_names_as_hints(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"users": [{"name": "陳大文", "passport": "312345678"}]}), encoding="utf-8")
    assert cats(path) == [("person_name", None, "/users/0/name"), ("passport", None, "/users/0/passport")]


def test_jsonl_lines_and_invalid_line_as_text(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text('{"mobile": "0912345678"}\nnot json 手機0922333444\n', encoding="utf-8")
    assert cats(path) == [("mobile_phone", 1, "/mobile"), ("mobile_phone", 2, None)]


def test_nested_zip_members_are_scanned(tmp_path: Path) -> None:
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as z:
        z.writestr("deep/c.txt", LINE)
    path = tmp_path / "a.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("b.txt", LINE)
        z.writestr("inner.zip", inner.getvalue())
    result = scan_file(str(path), KEY, ScanOptions())
    assert sorted({f.path for f in result.findings}) == [f"{path}!b.txt", f"{path}!inner.zip!deep/c.txt"]


def test_zip_nested_too_deep_is_skipped(tmp_path: Path) -> None:
    data = LINE.encode()
    name = "x.txt"
    for _ in range(3):
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr(name, data)
        data, name = buf.getvalue(), "n.zip"
    path = tmp_path / "deep.zip"
    path.write_bytes(data)
    result = scan_file(str(path), KEY, ScanOptions(zip_max_depth=2))
    assert [s.reason for s in result.skipped] == ["壓縮檔巢狀過深 / archive nested deeper than 2"]


def test_zip_bomb_member_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("zeros.txt", b"0" * (20 * 1024 * 1024))
    result = scan_file(str(path), KEY, ScanOptions())
    assert [s.reason for s in result.skipped] == [
        "壓縮比異常（疑似 ZIP 炸彈）/ expansion ratio too high (zip bomb?)"
    ]


def test_zip_with_too_many_members_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "many.zip"
    with zipfile.ZipFile(path, "w") as z:
        for i in range(5):
            z.writestr(f"{i}.txt", "x")
    result = scan_file(str(path), KEY, ScanOptions(zip_max_members=3))
    assert [s.reason for s in result.skipped] == ["ZIP 成員過多 / more than 3 members"]


def test_encrypted_zip_member_is_skipped(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("secret.txt", LINE)
    data = bytearray(buf.getvalue())
    # Set the "encrypted" flag bit in the local and central headers.
    for sig in (b"PK\x03\x04", b"PK\x01\x02"):
        at = data.find(sig)
        flag_at = at + (6 if sig == b"PK\x03\x04" else 8)
        data[flag_at] |= 0x1
    path = tmp_path / "enc.zip"
    path.write_bytes(bytes(data))
    result = scan_file(str(path), KEY, ScanOptions())
    assert [s.reason for s in result.skipped] == ["成員已加密 / encrypted member"]


def test_binary_file_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "blob.dat"
    path.write_bytes(b"\x00\x01\x02\xff" * 100)
    assert [s.reason for s in scan_file(str(path), KEY, ScanOptions()).skipped] == [
        "二進位檔案 / binary file"
    ]


def test_over_long_line_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("x" * 100 + "\n", encoding="utf-8")
    result = scan_file(str(path), KEY, ScanOptions(max_line_chars=50))
    assert [s.reason for s in result.skipped] == ["第 1 行過長 / line 1 longer than 50 characters"]


def test_vanished_file_is_skipped(tmp_path: Path) -> None:
    result = scan_file(str(tmp_path / "gone.txt"), KEY, ScanOptions())
    assert [s.reason for s in result.skipped] == ["檔案已消失 / file vanished"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_permission_denied_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_text(LINE, encoding="utf-8")
    path.chmod(0)
    assert [s.reason for s in scan_file(str(path), KEY, ScanOptions()).skipped] == [
        "權限不足 / permission denied"
    ]


def test_directory_include_exclude_and_max_size(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "keep.txt").write_text(LINE, encoding="utf-8")
    (tmp_path / "skip.log").write_text(LINE, encoding="utf-8")
    (tmp_path / "big.txt").write_text(LINE * 100, encoding="utf-8")
    opts = ScanOptions(include=("*.txt",), exclude=("skip*",), max_size=1000)
    result = scan_path(str(tmp_path), key=KEY, options=opts)
    assert sorted({f.path for f in result.findings}) == [str(tmp_path / "sub" / "keep.txt")]
    assert [s.source for s in result.skipped] == [str(tmp_path / "big.txt")]


def test_progress_callback_reports_each_file(tmp_path: Path) -> None:
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(LINE, encoding="utf-8")
    calls: list[tuple[int, int]] = []
    scan_path(str(tmp_path), key=KEY, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(0, 3), (1, 3), (2, 3), (3, 3)]


def test_fast_xlsx_reader_matches_openpyxl_values(tmp_path: Path) -> None:
    import datetime as dt

    import openpyxl

    from shouhu.engines.pii.readers.xlsx_fast import iter_sheets

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "資料"
    sheet.append(["姓名", "數量", "日期", "是否", None, "小數"])
    sheet.append(["王小明", 12, dt.date(1980, 5, 17), True, None, 1.5])
    sheet.append([])
    sheet.append([None, None, None, None, None, "尾"])
    path = tmp_path / "v.xlsx"
    book.save(path)
    with path.open("rb") as handle:
        fast = [(name, list(rows)) for name, rows in iter_sheets(handle)]
    reference = openpyxl.load_workbook(path, read_only=True, data_only=True)
    expected = [[list(r) for r in s.iter_rows(values_only=True)] for s in reference.worksheets]

    def trim(row: list[object]) -> list[object]:
        while row and row[-1] is None:
            row = row[:-1]
        return row

    assert fast[0][0] == "資料"
    assert [trim(r) for r in fast[0][1]] == [trim(r) for r in expected[0]]


def test_encrypted_pdf_is_skipped(tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    source = tmp_path / "plain.pdf"
    source.write_bytes(_pdf_with_text("Contact: alice@example.com"))
    writer = PdfWriter()
    for page in PdfReader(source).pages:
        writer.add_page(page)
    writer.encrypt(user_password="secret", algorithm="RC4-128")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    result = scan_file(str(path), KEY, ScanOptions())
    assert ([s.reason for s in result.skipped], result.findings) == (["PDF 已加密 / encrypted PDF"], [])


_ASCII_HEAD = {
    ".csv": "id,name,address,note\n" + "".join(f"{n},,,code {n:06d} ok\n" for n in range(4000)),
    ".tsv": "id\tname\taddress\tnote\n" + "".join(f"{n}\t\t\tcode {n:06d} ok\n" for n in range(4000)),
    ".txt": "".join(f"ref {n:06d} status=done\n" for n in range(4000)),
    ".log": "".join(f"2026-11-28 job {n:06d} status=done\n" for n in range(4000)),
}
_BIG5_TAIL = {
    ".csv": "9001,王小明,臺北市大安區信義路三段134巷5弄7號,客戶\n9002,歐陽志華,新北市板橋區文化路一段25號,員工\n",
    ".tsv": "9001\t王小明\t臺北市大安區信義路三段134巷5弄7號\t客戶\n9002\t歐陽志華\t新北市板橋區文化路一段25號\t員工\n",
    ".txt": "聯絡人：王小明 地址：臺北市大安區信義路三段134巷5弄7號\n聯絡人：歐陽志華 手機0912345678\n",
    ".log": "2026-11-28 客服紀錄 聯絡人：王小明 地址：臺北市大安區信義路三段134巷5弄7號\n",
}


@pytest.mark.parametrize("suffix", sorted(_ASCII_HEAD))
def test_big5_after_an_ascii_head_is_found_as_its_utf8_twin(tmp_path: Path, suffix: str) -> None:
    # given: more than 64 KiB of ASCII lines, then Chinese names and addresses, in Big5 and in UTF-8
    text = _ASCII_HEAD[suffix] + _BIG5_TAIL[suffix]
    assert len(_ASCII_HEAD[suffix]) > 70 * 1024
    big5, utf8 = tmp_path / f"big5{suffix}", tmp_path / f"utf8{suffix}"
    big5.write_bytes(text.encode("cp950"))
    utf8.write_bytes(text.encode("utf-8"))

    # when
    def found(path: Path) -> list[tuple[object, ...]]:
        result = scan_file(str(path), KEY, ScanOptions())
        assert result.skipped == []
        return [(f.category, f.masked, f.digest, f.line, f.row, f.column) for f in result.findings]

    # then: the same findings, names among them
    assert found(big5) == found(utf8)
    assert "person_name" in {finding[0] for finding in found(utf8)}


def test_a_head_with_utf8_text_decides_without_reading_further() -> None:
    # given: a 4 MiB UTF-8 log whose first line is Chinese
    handle = io.BytesIO("登入紀錄\n".encode() + b"user=a status=ok\n" * (256 * 1024))
    # when: the fast path looks for its encoding
    start = files._fast_start(handle)
    # then: UTF-8 from offset 0, decided by the first 64 KiB alone
    assert (start, handle.tell()) == (0, 64 * 1024)
