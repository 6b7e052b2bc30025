"""The printed self-check table: applicability follows the recorded result, and the law notes under the
table give the guideline's citation as published with an erratum, and the moda article for each MOEA one."""

import io

import pytest
from docx import Document

from shouhu.assessment import reports, services
from shouhu.assessment.models import Answer
from shouhu.engines.catalog import load_catalogue

pytestmark = pytest.mark.django_db


def _grid_rows(data: bytes) -> dict[str, list[str]]:
    grid = Document(io.BytesIO(data)).tables[1]
    return {row.cells[0].text: [c.text for c in row.cells] for row in grid.rows}


def _paragraphs(data: bytes) -> list[str]:
    return [p.text for p in Document(io.BytesIO(data)).paragraphs]


def test_any_result_but_not_applicable_prints_the_item_as_applicable(officer, make_assessment):
    assessment = make_assessment()
    # answered with a result only, as the demo does: the applicability choice was never touched
    for answer in Answer.objects.filter(assessment=assessment).order_by("position"):
        result = {"pd-1.2.1": "na", "pd-2.1.1": "nonconform"}.get(answer.item_id, "conform")
        data = {"result": result, "na_reason": "本公司無此業務" if result == "na" else ""}
        services.save_answer(
            actor=officer, assessment=assessment, item_id=answer.item_id, data=data, version=answer.version
        )
    assert Answer.objects.filter(assessment=assessment, applicable__isnull=True).exists()
    rows = _grid_rows(reports.docx_report(actor=officer, assessment=assessment))
    answered = {number: cells for number, cells in rows.items() if "檢查結果：" in cells[4]}
    assert len(answered) > 30
    for number, cells in answered.items():
        if "檢查結果：不適用" in cells[4]:
            assert "☑ 不適用" in cells[3], number
            assert "☐ 適用" in cells[3], number
        else:
            assert cells[3].startswith("☑ 適用"), number
    assert "檢查結果：不符合" in rows["2.1.1"][4]
    assert rows["2.1.1"][3].startswith("☑ 適用")


def test_unanswered_item_prints_both_boxes_empty(officer, make_assessment):
    assessment = make_assessment()
    rows = _grid_rows(reports.docx_report(actor=officer, assessment=assessment))
    assert rows["5.4.1"][3].startswith("☐ 適用\n☐ 不適用")


def test_outsourcing_item_prints_the_published_citation_with_an_erratum(officer, make_assessment):
    assessment = make_assessment()
    data = reports.docx_report(actor=officer, assessment=assessment)
    assert "個人資料保護法施行細則第12條" in _grid_rows(data)["5.4.1"][3]
    erratum = [p for p in _paragraphs(data) if p.startswith("第 5.4.1 項：")]
    assert len(erratum) == 1
    assert "勘誤" in erratum[0]
    assert "施行細則第8條" in erratum[0]


def test_every_moea_note_names_the_moda_article_or_says_it_is_unverified():
    catalogue = load_catalogue()
    notes = [n for item in catalogue.items for n in catalogue.notes_for(item.id)]
    moea = [
        n
        for n in notes
        if n.cited == "製造業及技術服務業個人資料檔案安全維護管理辦法" and "》第" in n.note_zh
    ]
    assert len(moea) >= 19
    for note in moea:
        assert "由數位發展部辦法第" in note.note_zh or "（依條文架構推定，未經查證）" in note.note_zh, (
            note.item_id
        )
    by_item = {n.item_id: n.note_zh for n in moea}
    assert "由數位發展部辦法第8條取代" in by_item["pd-4.2.1"]
    assert "由數位發展部辦法第16條取代" in by_item["pd-9.1"]
    assert "由數位發展部辦法第11條第2項取代" in by_item["pd-6.1.2"]
    assert "由數位發展部辦法第10條取代" in by_item["pd-5.3.2"]


def test_assessor_printed_by_person_name_not_account(officer, make_assessment):
    from tests.factories import PersonFactory

    PersonFactory(user=officer, name="張淑芬")
    assessment = make_assessment()
    head = Document(io.BytesIO(reports.docx_report(actor=officer, assessment=assessment))).tables[0]
    assert head.rows[0].cells[5].text == "張淑芬"


def test_save_answer_keeps_unknown_applicability_unknown(officer, make_assessment):
    # the printing rule does not rewrite the record: the stored answer stays as entered
    assessment = make_assessment()
    answer = Answer.objects.get(assessment=assessment, item_id="pd-5.4.1")
    services.save_answer(
        actor=officer,
        assessment=assessment,
        item_id="pd-5.4.1",
        version=answer.version,
        data={"ticked": ["o6"], "result": "conform"},
    )
    answer.refresh_from_db()
    assert answer.applicable is None
    rows = _grid_rows(reports.docx_report(actor=officer, assessment=assessment))
    assert rows["5.4.1"][3].startswith("☑ 適用")
