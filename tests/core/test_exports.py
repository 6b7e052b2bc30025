import datetime as dt
import io
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from shouhu.core.exports import csv_bytes, docx_from_template, pdf_from_html, xlsx_bytes
from shouhu.core.formulas import escape_formula


@pytest.mark.parametrize("value", ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\t=x", "＝1+1"])
def test_formula_leading_text_is_escaped(value):
    assert escape_formula(value) == "'" + value


@pytest.mark.parametrize("value", ["正常文字", "a=b", 5, -3, None])
def test_other_values_are_unchanged(value):
    assert escape_formula(value) == value


def test_xlsx_cells_are_escaped_and_numbers_stay_numbers():
    data = xlsx_bytes({"表": (["名稱", "金額"], [["=cmd|' /C calc'!A0", -5]])})
    sheet = load_workbook(io.BytesIO(data))["表"]
    assert sheet["A2"].value == "'=cmd|' /C calc'!A0"
    assert sheet["B2"].value == -5


def test_xlsx_datetimes_are_written_in_taipei_wall_time():
    data = xlsx_bytes({"s": (["t"], [[dt.datetime(2026, 1, 1, 0, 0, tzinfo=dt.UTC)]])})
    assert load_workbook(io.BytesIO(data))["s"]["A2"].value == dt.datetime(2026, 1, 1, 8, 0)  # noqa: DTZ001


def test_csv_has_utf8_bom_and_escapes_formulas():
    data = csv_bytes(["姓名"], [["=1+1"], ["王小明"]])
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig").splitlines() == ["姓名", "'=1+1", "王小明"]


def test_docx_template_placeholders_are_filled_even_when_split_across_runs(tmp_path: Path):
    doc = Document()
    paragraph = doc.add_paragraph()
    paragraph.add_run("公司：{{ com")
    paragraph.add_run("pany.name }}")
    table = doc.add_table(rows=1, cols=1)
    table.cell(0, 0).text = "日期 {{ date }}"
    template = tmp_path / "t.docx"
    doc.save(template)
    out = Document(
        io.BytesIO(docx_from_template(template, {"company": {"name": "守護"}, "date": "民國115年"}))
    )
    assert out.paragraphs[0].text == "公司：守護"
    assert out.tables[0].cell(0, 0).text == "日期 民國115年"


def test_pdf_embeds_a_cjk_font(pdf_renderer):
    from pypdf import PdfReader

    pdf = pdf_from_html("<h1>個人資料侵害事故通報與紀錄表</h1>")
    reader = PdfReader(io.BytesIO(pdf))
    assert "個人資料侵害事故通報與紀錄表" in reader.pages[0].extract_text()
    embedded = []
    for font in reader.pages[0]["/Resources"]["/Font"].get_object().values():
        font = font.get_object()
        for descendant in font.get("/DescendantFonts", [font]):
            descriptor = descendant.get_object().get("/FontDescriptor")
            if descriptor is not None:
                descriptor = descriptor.get_object()
                if any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                    embedded.append(str(descendant.get_object()["/BaseFont"]))
    assert any("CJK" in name or "Noto" in name for name in embedded), embedded


@pytest.mark.parametrize("bad", ["A\x01123", "\x00", "x\x0by\x1f", "\ud800z", "\ufffe"])
def test_xlsx_cells_with_control_characters_export_with_a_replacement_mark(bad):
    data = xlsx_bytes({"人員": (["員工編號"], [[bad]])}, title=f"標題{bad}")
    sheet = load_workbook(io.BytesIO(data))["人員"]
    value = sheet["A4"].value
    assert "\ufffd" in value
    assert not any(ord(ch) < 0x20 and ch not in "\t\n\r" for ch in value)


def test_xlsx_header_and_sheet_name_with_illegal_characters():
    data = xlsx_bytes({"a/b:c\x01": (["欄\x02位"], [["x"]])})
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["a_b_c"]
    assert book["a_b_c"]["A1"].value == "欄\ufffd位"


def test_xlsx_text_longer_than_an_excel_cell_is_cut_with_a_mark():
    data = xlsx_bytes({"s": (["t"], [["字" * 40000]])})
    value = load_workbook(io.BytesIO(data))["s"]["A2"].value
    assert len(value) <= 32767
    assert value.endswith("（已截斷）")


def test_csv_cells_with_control_characters_are_replaced():
    assert csv_bytes(["h"], [["A\x01B"]]).decode("utf-8-sig").splitlines()[1] == "A\ufffdB"


@pytest.mark.django_db
def test_systems_xlsx_export_with_a_control_character_in_a_field(client, make_user, login_as):
    from shouhu.inventory.services import create_system

    admin = make_user("admin")
    data = {
        "name": "人資系統",
        "kind": "system",
        "location": "own_dc",
        "network_zone": "app",
        "owner": "E\x01王",
    }
    create_system(actor=admin, data=data)
    login_as(admin)
    response = client.get("/inventory/systems/export.xlsx")
    assert response.status_code == 200
    rows = load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)
    assert any(cell == "E\ufffd王" for row in rows for cell in row)
