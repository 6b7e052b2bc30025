"""Generating the plan: one chapter per required part, filled from records, missing records listed."""

from __future__ import annotations

import hashlib

import pytest

from shouhu.evidence.services import read_bytes_internal
from shouhu.plan import services
from shouhu.plan.models import State
from tests.plan.conftest import docx_text, headings

pytestmark = pytest.mark.django_db

CHAPTERS = [
    "第一章　組織及資源配置（第5條）",
    "第二章　個人資料之範圍及特定目的（第6條）",
    "第三章　風險評估及管理機制（第7條）",
    "第四章　事故之預防、通報及應變機制（第8條）",
    "第五章　內部管理程序（第9條）",
    "第六章　當事人權利行使（第9條）",
    "第七章　國際傳輸（第10條）",
    "第八章　資料安全管理及技術措施（第11條）",
    "第九章　人員管理（第12條）",
    "第十章　認知宣導及教育訓練（第13條）",
    "第十一章　設備安全管理（第14條）",
    "第十二章　資料安全稽核機制（第15條）",
    "第十三章　紀錄保存及證據（第16條）",
    "第十四章　持續改善（第17條）",
]


def test_docx_has_one_chapter_per_required_part(officer):
    version = services.generate_draft(actor=officer)
    assert headings(version.docx) == CHAPTERS


def test_records_that_do_not_exist_are_listed_as_missing_not_as_none(officer):
    version = services.generate_draft(actor=officer)
    text = docx_text(version.docx)
    assert "尚未建立：委外監督紀錄" in text
    assert "尚未建立：個人資料檔案清冊" in text
    assert "尚未建立：風險評估紀錄（風險登錄表）" in text
    assert "尚未建立：個人資料檔案清冊（無法判斷是否有國際傳輸）" in text
    assert not any("有國際傳輸之檔案數" in t for t in text)


def test_inventory_chapter_is_filled_from_the_files_naming_its_source(officer, make_file, org):
    make_file(records_general=12000)
    make_file(name="員工資料", department=org["hr"], role="controller", client=None, records_general=35,
              cross_border=True, countries=["日本"])  # fmt: skip
    version = services.generate_draft(actor=officer)
    facts = {f[0]: (f[1], f[2]) for f in version.content["chapters"][1]["facts"]}
    assert facts["個人資料檔案數"] == ("2", "個人資料檔案清冊")
    assert facts["一般個資筆數合計"] == ("12035", "個人資料檔案清冊")
    cross = version.content["chapters"][6]
    assert cross["facts"] == [
        ["有國際傳輸之檔案數", "1", "個人資料檔案清冊：跨境傳輸"], ["登錄之國際傳輸", "0", "國際傳輸登錄"],
    ]  # fmt: skip
    assert "尚未建立：國際傳輸登錄（清冊中有 1 個跨境傳輸之檔案）" in cross["missing"]
    assert cross["tables"][0]["rows"] == [["日本", "1"]]
    text = docx_text(version.docx)
    assert "尚未建立：個人資料檔案清冊" not in text
    assert "人資部" in text


def test_company_and_representative_come_from_the_company_profile(officer, org):
    org["company"].representative = "陳美玲"
    org["company"].save(update_fields=["representative"])
    version = services.generate_draft(actor=officer)
    assert ["代表人", "陳美玲", "組織設定：公司基本資料"] in version.content["chapters"][0]["facts"]
    assert org["company"].name in docx_text(version.docx)


def test_sha256_of_the_docx_is_kept_in_the_evidence_store(officer):
    version = services.generate_draft(actor=officer)
    assert version.docx.blob.sha256 == hashlib.sha256(read_bytes_internal(version.docx)).hexdigest()
    assert version.state == State.DRAFT
    assert version.number == 1
    assert services.generate_draft(actor=officer).number == 2


def test_pdf_is_generated_beside_the_docx(officer, pdf_renderer):
    version = services.generate_draft(actor=officer)
    assert version.pdf is not None
    assert read_bytes_internal(version.pdf).startswith(b"%PDF")


def test_an_auditor_cannot_generate(make_user):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.generate_draft(actor=make_user("auditor"))


def test_procedures_chapter_reads_the_document_register_and_the_policy_campaign(officer, chief, org):
    from django.utils import timezone

    from shouhu.documents import selectors as documents_selectors
    from shouhu.documents import services as documents
    from tests.factories import PersonFactory

    PersonFactory(name="吳承翰", department=org["it"])
    doc = documents.create_document(actor=officer, code="P-01", title="個人資料保護政策", tier="policy")
    version = documents.add_version(actor=officer, document=doc, file=b"%PDF-1.4\n v1", filename="p.pdf")
    documents.approve_version(
        actor=chief, version=version, ack_due_on=timezone.localdate()
    )  # starts the campaign
    campaign = documents_selectors.campaigns().get(version=version)
    content = services.generate_draft(actor=officer).content
    chapter = content["chapters"][4]
    assert ["已核定文件：一階：政策", "1", "政策及文件登錄"] in chapter["facts"]
    assert [
        "最近一次政策閱讀確認", "個人資料保護政策 第 1 版：已確認 0 / 2", f"政策及文件：確認活動 C-{campaign.pk}",
    ] in chapter["facts"]  # fmt: skip
    assert "尚未建立：已核定之內部管理程序（二階文件）" in chapter["missing"]
    assert "尚未建立：已核定之個人資料保護政策（一階文件）" not in chapter["missing"]


def test_supervision_of_processors_comes_from_the_third_party_records(officer, make_user):
    from django.utils import timezone

    from shouhu.thirdparties import services as thirdparties

    admin = make_user("admin")
    checked = thirdparties.save_subprocessor(actor=admin, data={"name": "雲端主機商", "services": "主機代管"})
    thirdparties.save_subprocessor(actor=admin, data={"name": "客服外包", "services": "客服"})
    thirdparties.record_supervision(actor=admin, subprocessor=checked, checked_on=timezone.localdate(),
                                    method="document", result="已檢視稽核報告")  # fmt: skip
    chapter = services.generate_draft(actor=officer).content["chapters"][4]
    assert ["委託中之受託者（委外廠商）", "2", "委外及受託者管理"] in chapter["facts"]
    assert "尚未建立：委外監督紀錄（1 家受託者近一年無確認紀錄）" in chapter["missing"]
    assert "尚未建立：委外監督紀錄" not in chapter["missing"]


def test_training_chapter_reads_the_training_sessions(officer, org):
    from decimal import Decimal

    from django.utils import timezone

    from shouhu.training import services as training
    from tests.factories import PersonFactory

    person = PersonFactory(name="吳承翰", department=org["it"])
    session = training.create_session(actor=officer, title="年度訓練", topics=["law"], held_on=timezone.localdate(),
                                      hours=Decimal("2"), trainer="講師", audience="全體", people=[person])  # fmt: skip
    training.record_attendance(actor=officer, session=session, person=person, attended=True)
    training.mark_held(actor=officer, session=session)
    chapter = services.generate_draft(actor=officer).content["chapters"][9]
    assert ["近一年已辦理之課程", "1", "教育訓練"] in chapter["facts"]
    assert "尚未建立：近一年之教育訓練紀錄" not in chapter["missing"]
