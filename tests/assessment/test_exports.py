import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from docx import Document
from openpyxl import load_workbook

from shouhu.assessment import findings as finding_services
from shouhu.assessment import oscal_export, reports, services
from shouhu.assessment.models import Answer, Finding
from shouhu.audit.models import AuditEvent
from shouhu.engines.catalog.oscal import oscal_errors
from tests.assessment.conftest import answer_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def filled(officer, make_assessment):
    assessment = make_assessment()
    answer_all(officer, assessment, overrides={"pd-1.2.1": "na"})
    answer = Answer.objects.get(assessment=assessment, item_id="pd-1.1.1")
    services.save_answer(
        actor=officer,
        assessment=assessment,
        item_id="pd-1.1.1",
        version=answer.version,
        data={
            "applicable": True,
            "ticked": ["o1"],
            "blanks": {"o1": {"b1": "總經理"}},
            "explanation": "=HYPERLINK(1)",
            "result": "partial",
        },
    )
    answer = Answer.objects.get(assessment=assessment, item_id="pd-7.1")
    services.save_answer(
        actor=officer,
        assessment=assessment,
        item_id="pd-7.1",
        version=answer.version,
        data={
            "applicable": True,
            "ticked": ["o2"],
            "blanks": {"o2": {"b1": "1 年 2 次"}},
            "result": "conform",
        },
    )
    services.attach_evidence(
        actor=officer,
        assessment=assessment,
        item_id="pd-1.1.1",
        file=b"%PDF-1.4\n%%EOF\n",
        filename="任命書.pdf",
    )
    return services.complete(actor=officer, assessment=assessment)


def _row(table, number):
    return next(row for row in table.rows if row.cells[0].text == number)


def test_docx_looks_like_the_guideline_table(officer, filled):
    doc = Document(io.BytesIO(reports.docx_report(actor=officer, assessment=filled)))
    head, grid = doc.tables[0], doc.tables[1]
    assert [c.text for c in head.rows[0].cells] == [
        "公司名稱",
        "守護資訊股份有限公司",
        "檢查時間",
        "民國115年11月20日",
        "檢查人",
        "officer",
    ]
    assert [c.text for c in grid.rows[0].cells] == [
        "編號",
        "檢查項目",
        "系統商進階",
        "適用情形",
        "檢查情形說明",
    ]
    assert grid.rows[1].cells[0].text == "1. 配置管理之人員及相當資源"
    row = _row(grid, "1.1.1")
    assert row.cells[1].text.startswith("由高階管理者擔任個資安全總負責人")
    assert row.cells[3].text.startswith("☑ 適用\n☐ 不適用")
    assert "☑ 由總經理（職位）擔任" in row.cells[4].text
    assert "檢查結果：部分符合" in row.cells[4].text
    assert "佐證：任命書.pdf" in row.cells[4].text
    na = _row(grid, "1.2.1")
    assert "☑ 不適用" in na.cells[3].text
    assert "本公司無此業務" in na.cells[3].text
    assert "☑ 訓練頻率：每年 2 次" in _row(grid, "7.1").cells[4].text
    assert _row(grid, "6.1.2").cells[2].text == "◎（隱碼機制）"
    assert AuditEvent.objects.filter(action="assessment.exported", changes__format=[None, "docx"]).exists()


def test_xlsx_has_the_same_layout_and_escapes_formulas(officer, filled):
    wb = load_workbook(io.BytesIO(reports.xlsx_report(actor=officer, assessment=filled)))
    ws = wb["附錄一"]
    assert ws["A1"].value == "附錄一 系統商個人資料安全維護措施自我檢查表"
    assert [ws.cell(row=3, column=c).value for c in (1, 3, 5)] == ["公司名稱", "檢查時間", "檢查人"]
    assert ws["D3"].value == "民國115年11月20日"
    assert [ws.cell(row=5, column=c).value for c in range(1, 6)] == [
        "編號",
        "檢查項目",
        "系統商進階",
        "適用情形",
        "檢查情形說明",
    ]
    rows = {ws.cell(row=r, column=1).value: r for r in range(6, ws.max_row + 1)}
    r = rows["1.1.1"]
    assert "☑ 由總經理（職位）擔任" in ws.cell(row=r, column=5).value
    assert "說明：=HYPERLINK(1)" in ws.cell(row=r, column=5).value
    assert "6.1.2" in rows
    assert ws.cell(row=rows["6.1.2"], column=3).value == "◎（隱碼機制）"
    assert len([k for k in rows if k and k[0].isdigit() and "." in k and " " not in k]) >= 41


def test_xlsx_text_starting_with_equals_is_neutralised(officer, make_assessment):
    assessment = make_assessment(company_name="=cmd|' /C calc'!A0")
    ws = load_workbook(io.BytesIO(reports.xlsx_report(actor=officer, assessment=assessment)))["附錄一"]
    assert ws["B3"].value.startswith("'=")


def test_pdf_is_produced(officer, filled, pdf_renderer):
    data = reports.pdf_report(actor=officer, assessment=filled)
    assert data.startswith(b"%PDF")


def test_actions_xlsx_lists_actions(officer, filled):
    finding = Finding.objects.get(assessment=filled, item_id="pd-1.1.1")
    action = finding_services.create_action(
        actor=officer, finding=finding, data={"cause": "+SUM(A1)", "owner": officer}
    )
    ws = load_workbook(io.BytesIO(reports.actions_xlsx(actor=officer, actions=[action])))["矯正措施"]
    assert ws["A3"].value == "編號"
    assert ws["J3"].value == "1. 缺失原因"
    assert ws["A4"].value == action.pk
    assert ws["J4"].value == "'+SUM(A1)"


def test_oscal_assessment_results_is_schema_valid(officer, filled):
    document = oscal_export.assessment_results(actor=officer, assessment=filled)
    assert oscal_errors(document, "assessment-results") == []
    result = document["assessment-results"]["results"][0]
    targets = {f["target"]["target-id"]: f["target"]["status"]["state"] for f in result["findings"]}
    assert targets["pd-1.1.1"] == "not-satisfied"
    assert targets["pd-1.1.2"] == "satisfied"
    assert "pd-1.2.1" not in targets
    assert len(result["reviewed-controls"]["control-selections"][0]["include-controls"]) == 41


def test_oscal_poam_of_open_actions_is_schema_valid(officer, filled):
    finding = Finding.objects.get(assessment=filled, item_id="pd-1.1.1")
    with pytest.raises(ValidationError, match="沒有未結案"):
        oscal_export.poam(actor=officer, actions=[])
    action = finding_services.create_action(actor=officer, finding=finding, data={"measures": "指定總負責人"})
    document = oscal_export.poam(actor=officer, actions=[action])
    assert oscal_errors(document, "poam") == []
    assert document["plan-of-action-and-milestones"]["poam-items"][0]["title"] == action.title


def test_catalog_command_writes_valid_oscal(tmp_path, capsys):
    target = tmp_path / "catalog.json"
    call_command("catalog", "export", "--format", "oscal", "--output", str(target))
    document = json.loads(target.read_text(encoding="utf-8"))
    assert oscal_errors(document, "catalog") == []
    ids = {
        c["id"]
        for g in document["catalog"]["groups"]
        for s in g["groups"]
        for c in s.get("controls", []) + [c for sub in s.get("groups", []) for c in sub["controls"]]
    }
    assert {"pd-1.1.1", "is-2.3.2"} <= ids
    assert len(ids) == 93
    call_command("catalog", "export")
    assert json.loads(capsys.readouterr().out)["catalog"]["metadata"]["version"] == "moea-idb-2021-12"


def test_catalog_command_refuses_unknown_version():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="沒有這個檢查表版本"):
        call_command("catalog", "export", "--version", "nope")


def test_reports_list_changed_law_notes_after_the_table_as_published(officer, filled):
    catalogue_note = "數位經濟相關產業個人資料檔案安全維護管理辦法"
    doc = Document(io.BytesIO(reports.docx_report(actor=officer, assessment=filled)))
    notes = [p.text for p in doc.paragraphs if p.text.startswith("第 ")]
    assert any(catalogue_note in text for text in notes)
    assert all(catalogue_note not in cell.text for row in doc.tables[1].rows for cell in row.cells[1:2])
    ws = load_workbook(io.BytesIO(reports.xlsx_report(actor=officer, assessment=filled)))["附錄一"]
    texts = [ws.cell(row=r, column=2).value or "" for r in range(6, ws.max_row + 1)]
    assert any(catalogue_note in text for text in texts)
