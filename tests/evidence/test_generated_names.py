"""Files the system writes are named in the reader's language; files people upload keep their own names
(issue 12, ``evidence.names``)."""

from __future__ import annotations

import importlib
from typing import Any
from urllib.parse import quote

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from shouhu.core.messages import compose
from shouhu.evidence import names, selectors, services
from shouhu.evidence.models import Evidence

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
ZIP = b"PK\x05\x06" + b"\x00" * 18
TXT = "演練內容\n".encode()

# Each internal kind, the facts a creation site gives it, its zh-TW and its English name.
INTERNAL = [
    (names.DRILL_SUBJECT_NOTICE, {"channel": "email", "incident": 3, "notice": 7},
     "演練_當事人通知_電子郵件_第3號事件_7.txt", "Drill_subject-notice_E-mail_INC-3_7.txt"),
    (names.DRILL_CLIENT_NOTICE, {"client": "甲電商", "incident": 3},
     "演練_客戶通知_甲電商_第3號事件.eml", "Drill_client-notice_甲電商_INC-3.eml"),
    (names.DRILL_REPORT, {"incident": 3, "sequence": "01", "ext": "pdf"},
     "演練_表2_個資侵害事故通報與紀錄表_第3號事件_01.pdf", "Drill_Table2_breach-report_INC-3_01.pdf"),
    (names.DRILL_REPORT_SENT, {"incident": 3, "sequence": "01", "ext": "pdf"},
     "演練_表2_個資侵害事故通報與紀錄表_第3號事件_01_送出版.pdf",
     "Drill_Table2_breach-report_INC-3_01_as-sent.pdf"),
    (names.DRILL_PACKAGE, {"incident": 3, "date": "20261128"},
     "演練_函復主管機關資料_第3號事件_20261128.zip", "Drill_reply-to-regulator_INC-3_20261128.zip"),
    (names.IMPLEMENTATION_REPORT, {"start": "2025-11-28", "end": "2026-11-28"},
     "實施情形_2025-11-28_2026-11-28.zip", "implementation-report_2025-11-28_2026-11-28.zip"),
    (names.ASSURANCE_PACK, {"client": "甲電商", "date": "2026-11-28"},
     "甲電商_資安保證資料_2026-11-28.zip", "甲電商_security-assurance-pack_2026-11-28.zip"),
    (names.ASSURANCE_PACK_NO_CLIENT, {"date": "2026-11-28"},
     "資料包_資安保證資料_2026-11-28.zip", "security-assurance-pack_2026-11-28.zip"),
    (names.DELETION_CERTIFICATE, {"client": "甲電商", "date": "2026-11-28"},
     "甲電商_資料刪除證明書_2026-11-28.docx", "甲電商_data-deletion-certificate_2026-11-28.docx"),
    (names.ACCESS_REVIEW, {"review": 4, "ext": "pdf"}, "存取權限審查結果_4.pdf", "access-review-4.pdf"),
    (names.MASKED_COPY, {"name": "會員", "suffix": ".csv"}, "遮罩副本_會員.csv", "masked-會員.csv"),
]  # fmt: skip


def _content(name: str) -> bytes:
    ext = name.rsplit(".", 1)[-1]
    eml = b"From: a@example.com\r\nTo: b@example.com\r\nSubject: x\r\n\r\nbody\r\n"
    return {"pdf": PDF, "zip": ZIP, "docx": _docx(), "csv": b"a,b\n1,2\n", "eml": eml}.get(ext, TXT)


def _docx() -> bytes:
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document/>")
    return buf.getvalue()


def _generated(officer: Any, key: str, facts: dict[str, Any], filename: str = "") -> Evidence:
    named = compose(key, **facts)
    name = filename or named.text
    return services.store(actor=officer, file=_content(name), filename=name, named=named, check_perm=False)


def _page(client: Client, user: Any, language: str, url: str = "/evidence/") -> str:
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client.get(url).content.decode()


@pytest.fixture
def officer(make_user: Any) -> Any:
    return make_user("pd_officer")


@pytest.mark.parametrize(("key", "facts", "zh", "en"), INTERNAL, ids=[k for k, *_ in INTERNAL])
def test_an_internal_file_is_listed_and_downloaded_in_the_readers_language(
    officer: Any, client: Client, key: str, facts: dict[str, Any], zh: str, en: str
) -> None:
    evidence = _generated(officer, key, facts)
    assert evidence.original_name == zh
    english = _page(client, officer, "en")
    assert en in english
    assert zh not in english
    chinese = _page(client, officer, "zh-hant")
    assert zh in chinese
    assert en not in chinese
    download = client.get(f"/evidence/{evidence.pk}/download/")  # still zh-TW
    assert f"filename*=utf-8''{quote(zh)}" in download["Content-Disposition"]
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    download = client.get(f"/evidence/{evidence.pk}/download/")
    if en.isascii():
        assert download["Content-Disposition"] == f'attachment; filename="{en}"'
    else:  # RFC 5987: a name with non-ASCII characters goes in filename*
        assert f"filename*=utf-8''{quote(en)}" in download["Content-Disposition"]


OFFICIAL = [
    (names.SUBJECT_NOTICE, {"channel": "sms", "incident": 3, "notice": 7}, "當事人通知_簡訊_第3號事件_7.txt",
     "Notice to data subjects (SMS), INC-3, notice 7"),
    (names.CLIENT_NOTICE, {"client": "甲電商", "incident": 3}, "客戶通知_甲電商_第3號事件.eml",
     "Incident notice e-mailed to client 甲電商, INC-3"),
    (names.REPORT, {"incident": 3, "sequence": 2}, "表2_個資侵害事故通報與紀錄表_第3號事件_02.pdf",
     "Regulator report (Table 2), INC-3, report 2"),
    (names.REPORT_SENT, {"incident": 3, "sequence": 2}, "表2_個資侵害事故通報與紀錄表_第3號事件_02_送出版.pdf",
     "Regulator report (Table 2) as sent, INC-3, report 2"),
    (names.PACKAGE, {"incident": 3}, "函復主管機關資料_第3號事件_20261128.zip",
     "Reply package to the regulator (Appendix 3), INC-3"),
    (names.REQUEST_LETTER, {"number": "REQ-5", "letter": "refusal"}, "REQ-5_處理結果通知書.docx",
     "REQ-5: notice of the decision to the requester"),
    (names.PLAN_VERSION, {"number": 2}, "個人資料檔案安全維護計畫_v2.pdf",
     "Personal data security maintenance plan, version 2"),
]  # fmt: skip


@pytest.mark.parametrize(("key", "facts", "zh", "label"), OFFICIAL, ids=[k for k, *_ in OFFICIAL])
def test_an_official_document_keeps_its_name_with_an_english_label(
    officer: Any, client: Client, key: str, facts: dict[str, Any], zh: str, label: str
) -> None:
    evidence = _generated(officer, key, facts, filename=zh)
    assert _page(client, officer, "en").count(f"{zh} — {label}") == 1
    chinese = _page(client, officer, "zh-hant")
    assert zh in chinese
    assert label not in chinese
    download = client.get(f"/evidence/{evidence.pk}/download/")  # English page, official name
    assert f"filename*=utf-8''{quote(zh)}" in download["Content-Disposition"]


def test_an_upload_keeps_the_name_its_uploader_gave(officer: Any, client: Client) -> None:
    evidence = services.store(actor=officer, file=TXT, filename="演練_當事人通知_簡訊_第1號事件_1.txt")
    assert (evidence.name_key, evidence.name_facts) == ("", {})
    english = _page(client, officer, "en")
    assert "演練_當事人通知_簡訊_第1號事件_1.txt" in english
    download = client.get(f"/evidence/{evidence.pk}/download/")
    assert f"filename*=utf-8''{quote(evidence.original_name)}" in download["Content-Disposition"]
    with translation.override("en"):
        assert str(evidence) == evidence.original_name


def test_a_generated_file_is_found_by_its_name_in_either_language(officer: Any) -> None:
    evidence = _generated(officer, names.DRILL_SUBJECT_NOTICE, {"channel": "sms", "incident": 3, "notice": 7})
    other = services.store(actor=officer, file=PDF, filename="policy.pdf")
    with translation.override("en"):
        assert list(selectors.search("subject-notice", actor=officer)) == [evidence]
    assert list(selectors.search("當事人通知", actor=officer)) == [evidence]
    assert list(selectors.search("policy", actor=officer)) == [other]


def test_the_evidence_list_search_finds_a_file_by_its_english_name(officer: Any, client: Client) -> None:
    _generated(officer, names.IMPLEMENTATION_REPORT, {"start": "2025-11-28", "end": "2026-11-28"})
    services.store(actor=officer, file=PDF, filename="policy.pdf")
    page = _page(client, officer, "en", "/evidence/?q=implementation-report")
    assert "implementation-report_2025-11-28_2026-11-28.zip" in page
    assert "policy.pdf" not in page


def test_store_refuses_a_name_key_that_is_not_an_evidence_kind(officer: Any) -> None:
    with pytest.raises(ValueError, match="evidence.names"):
        services.store(actor=officer, file=TXT, filename="x.txt", named=compose("jobs.done"))


MIGRATION = importlib.import_module("shouhu.evidence.migrations.0004_generated_names")


@pytest.mark.parametrize(
    ("name", "context", "expected"),
    [
        ("演練_當事人通知_簡訊_第1號事件_5.txt", "incidents.incident:1",
         (names.DRILL_SUBJECT_NOTICE, {"channel": "sms", "incident": 1, "notice": 5})),
        ("當事人通知_電子郵件_第1號事件_5.txt", "incidents.incident:1",
         (names.SUBJECT_NOTICE, {"channel": "email", "incident": 1, "notice": 5})),
        ("表2_個資侵害事故通報與紀錄表_第2號事件_01_送出版.pdf", "incidents.incident:2",
         (names.REPORT_SENT, {"incident": 2, "sequence": 1})),
        ("演練_函復主管機關資料_第2號事件_20261120.zip", "incidents.incident:2",
         (names.DRILL_PACKAGE, {"incident": 2, "date": "20261120"})),
        ("實施情形_2025-01-01_2025-12-31.zip", "plan.implementationreport:4",
         (names.IMPLEMENTATION_REPORT, {"start": "2025-01-01", "end": "2025-12-31"})),
        ("甲_資料刪除證明書_2026-01-02.docx", "organization.client:9",
         (names.DELETION_CERTIFICATE, {"client": "甲", "date": "2026-01-02"})),
        ("REQ-3_延長處理期限通知書.docx", "subject_requests.subjectrequest:3",
         (names.REQUEST_LETTER, {"number": "REQ-3", "letter": "extension"})),
        ("access-review-6.xlsx", "people.review:6", (names.ACCESS_REVIEW, {"review": 6, "ext": "xlsx"})),
        ("masked-會員.tsv", "jobs.job:8", (names.MASKED_COPY, {"name": "會員", "suffix": ".tsv"})),
        # not recognisable with certainty: left as stored
        ("演練_當事人通知_簡訊_第1號事件_5.txt", "incidents.incident:2", None),
        ("我的檔案.txt", "incidents.incident:1", None),
        ("access-review-6.xlsx", "", None),
    ],
)  # fmt: skip
def test_the_migration_names_the_files_it_can_recognise(name: str, context: str, expected: Any) -> None:
    assert (MIGRATION._recognise(name, context) or None) == expected


def test_the_module_a_file_came_from_is_named_in_the_readers_language(officer: Any, client: Client) -> None:
    evidence = services.store(
        actor=officer, file=PDF, filename="a.pdf", context="subject_requests.subjectrequest:3"
    )
    page = _page(client, officer, "en", f"/evidence/{evidence.pk}/")
    assert 'data-testid="evidence-module">Data-subject requests<' in page
    assert "subject_requests.subjectrequest:3" not in page  # never the internal code
    page = _page(client, officer, "zh-hant", f"/evidence/{evidence.pk}/")
    assert 'data-testid="evidence-module">當事人權利行使<' in page
    with translation.override("en"):
        assert list(selectors.search("data-subject", actor=officer)) == [evidence]


def test_a_generated_files_description_reads_in_the_readers_language(officer: Any, client: Client) -> None:
    named = compose(names.DRILL_SUBJECT_NOTICE, channel="sms", incident=3, notice=7)
    drill = services.store(actor=officer, file=TXT, filename=named.text, named=named, check_perm=False,
                           description="以簡訊通知當事人（甲電商）")  # fmt: skip
    label = compose(names.REPORT, incident=3, sequence=1)
    report = services.store(actor=officer, file=PDF, filename="表2_個資侵害事故通報與紀錄表_第3號事件_01.pdf",
                            named=label, check_perm=False, description="表2 初報")  # fmt: skip
    upload = services.store(actor=officer, file=PDF, filename="a.pdf", description="董事會核定版")

    def described(evidence: Evidence, language: str) -> str:
        page = _page(client, officer, language, f"/evidence/{evidence.pk}/")
        return page.split('data-testid="evidence-description">', 1)[1].split("<", 1)[0]

    assert described(drill, "en") == "Drill: notice to data subjects by SMS"
    assert described(drill, "zh-hant") == "以簡訊通知當事人（甲電商）"
    assert described(report, "en") == ""  # the label beside the name says what it is
    assert described(report, "zh-hant") == "表2 初報"
    assert described(upload, "en") == "董事會核定版"  # a person's words, never translated
