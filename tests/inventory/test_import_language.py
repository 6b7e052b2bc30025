"""Import row errors read in the language of whoever opens the preview, not of whoever uploaded the file: each
error is kept as a message key with its facts beside the zh-TW text; rows kept before that show as stored."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from shouhu.imports import services as imports
from shouhu.imports.models import ImportBatch
from tests.inventory.sheets import FILE_HEADERS, file_row, xlsx

BAD_ROW = {"權責部門": "Nowhere", "特定目的": "999", "個資類別": "C999", "一般個資筆數": "-3"}


def _client(user: Any, language: str) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def _upload(client: Client) -> ImportBatch:
    data = xlsx(FILE_HEADERS, [file_row(), file_row("員工資料", **BAD_ROW)])
    response = client.post(
        reverse("imports:upload", args=["files"]),
        {"file": SimpleUploadedFile("inventory.xlsx", data)},
    )
    assert response.status_code == 302, response.content[:500]
    return ImportBatch.objects.get()


def test_errors_uploaded_in_chinese_read_in_english(
    org: dict[str, Any], officer: Any, make_user: Any
) -> None:
    # given: a zh-TW officer uploads a file with a bad row
    batch = _upload(_client(officer, "zh-hant"))
    # when: another officer opens the preview in English
    page = _client(make_user("pd_officer", username="reader"), "en").get(
        reverse("imports:preview", args=[batch.pk])
    )
    # then: each error reads in English, the column named by its English header
    html = page.content.decode()
    assert (
        "Department “Nowhere” not found; the departments are: 人資部, 資訊部 (add a new one under Organisation first)."
        in html
    )
    assert "code 999 is not in the Ministry of Justice list of specific purposes (001–182)." in html
    assert "Unknown data category codes: C999 (written like C001)." in html
    assert "&quot;-3&quot; must be a whole number of 0 or more." in html
    assert "找不到部門" not in html
    assert "不在法務部特定目的清單" not in html


def test_errors_uploaded_in_english_read_in_chinese_and_are_stored_in_chinese(
    org: dict[str, Any], officer: Any
) -> None:
    batch = _upload(_client(officer, "en"))
    stored = next(r for r in batch.rows if r["errors"])
    assert stored["errors"]["權責部門"] == [
        "找不到部門「Nowhere」；現有部門：人資部、資訊部（新部門請先在組織資料新增）。"
    ]
    assert stored["error_keys"]["權責部門"] == [
        ["inventory.import.no_department_known", {"department": "Nowhere", "known": ["人資部", "資訊部"]}]
    ]
    html = _client(officer, "zh-hant").get(reverse("imports:preview", args=[batch.pk])).content.decode()
    assert "找不到部門「Nowhere」；現有部門：人資部、資訊部（新部門請先在組織資料新增）。" in html
    assert "not found" not in html


def test_a_row_stored_before_message_keys_shows_as_stored(org: dict[str, Any], officer: Any) -> None:
    batch = _upload(_client(officer, "zh-hant"))
    rows = [{k: v for k, v in r.items() if k not in ("error_keys", "read_error_keys")} for r in batch.rows]
    ImportBatch.objects.filter(pk=batch.pk).update(rows=rows)
    html = _client(officer, "en").get(reverse("imports:preview", args=[batch.pk])).content.decode()
    assert "找不到部門「Nowhere」；現有部門：人資部、資訊部（新部門請先在組織資料新增）。" in html


def test_a_fixed_row_keeps_the_other_rows_messages(org: dict[str, Any], officer: Any) -> None:
    # given: two bad rows; when: one is fixed (the batch is validated again as stored)
    data = xlsx(FILE_HEADERS, [file_row("甲", **BAD_ROW), file_row("乙", **BAD_ROW)])
    batch = imports.stage_import(actor=officer, kind="files", filename="x.xlsx", data=data)
    first = batch.rows[0]["row"]
    batch = imports.fix_row(actor=officer, batch=batch, row_number=first, values={"權責部門": "資訊部"})
    # then: the other row's errors are still messages, read in English
    html = _client(officer, "en").get(reverse("imports:preview", args=[batch.pk])).content.decode()
    assert "Department “Nowhere” not found" in html
    assert batch.rows[1]["error_keys"]["權責部門"][0][0] == "inventory.import.no_department_known"


def test_a_batch_returned_by_a_lost_worker_says_why_in_the_readers_language(
    org: dict[str, Any], officer: Any
) -> None:
    from shouhu.imports.jobs import _worker_lost
    from shouhu.jobs.models import Job

    batch = imports.stage_import(
        actor=officer, kind="files", filename="x.xlsx", data=xlsx(FILE_HEADERS, [file_row()])
    )
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportBatch.Status.RUNNING)
    _worker_lost(Job(kind="imports.confirm", params={"batch_id": batch.pk}))
    batch.refresh_from_db()
    assert batch.result["error"] == "背景程序中斷，匯入未完成（未寫入任何資料）；請重新確認。"
    html = _client(officer, "en").get(reverse("imports:preview", args=[batch.pk])).content.decode()
    assert "The background process stopped; the import did not finish (nothing was written)." in html


def test_a_cell_refused_while_reading_reads_in_english_after_a_fix_elsewhere(
    org: dict[str, Any], officer: Any
) -> None:
    from tests.inventory.sheets import csv_bytes

    data = csv_bytes(FILE_HEADERS, [file_row("甲", **{"業務流程": "=1+1", "權責部門": "Nowhere"})], "utf-8")
    batch = imports.stage_import(actor=officer, kind="files", filename="x.csv", data=data)
    number = batch.rows[0]["row"]
    batch = imports.fix_row(actor=officer, batch=batch, row_number=number, values={"權責部門": "資訊部"})
    html = _client(officer, "en").get(reverse("imports:preview", args=[batch.pk])).content.decode()
    assert "Content starting with “=” (a formula) is not accepted; enter a number or text instead." in html
    assert batch.rows[0]["read_error_keys"]["業務流程"] == [["import.formula_in_csv", {}]]
