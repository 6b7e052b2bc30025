from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from shouhu.audit.models import AuditEvent
from shouhu.imports.models import ImportBatch
from shouhu.inventory.models import Notice, PersonalDataFile
from tests.inventory.sheets import FILE_HEADERS, file_row, xlsx


@pytest.fixture
def web(login_as: Any, officer: Any) -> Any:
    return login_as(officer)


def test_list_shows_totals_and_files(web: Any, make_file: Callable[..., PersonalDataFile]) -> None:
    make_file()
    response = web.get(reverse("inventory:files"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "會員資料" in html
    assert 'data-testid="company-total">12,000<' in html


def test_list_filters_and_htmx_partial(
    web: Any, make_file: Callable[..., PersonalDataFile], org: dict[str, Any]
) -> None:
    make_file()
    make_file(
        name="員工名冊", department=org["hr"], role="controller", client=None, data_subjects=["employee"]
    )
    response = web.get(reverse("inventory:files"), {"department": org["hr"].pk}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "員工名冊" in html
    assert "會員資料" not in html
    assert "<html" not in html


def test_dashboard_panel(web: Any, make_file: Callable[..., PersonalDataFile]) -> None:
    make_file()
    html = web.get(reverse("core:dashboard")).content.decode()
    assert "消費者個資筆數" in html
    assert "好物商城股份有限公司" in html


def test_inventory_xlsx_export_is_printable_and_reimportable(
    web: Any, make_file: Callable[..., PersonalDataFile], officer: Any
) -> None:
    make_file()
    response = web.get(reverse("inventory:files_export", args=["xlsx"]))
    assert response.status_code == 200
    ws = load_workbook(io.BytesIO(response.content)).active
    assert ws is not None
    assert str(ws["A1"].value).startswith("個人資料盤點表")
    assert ws.page_setup.orientation == "landscape"
    assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4
    assert ws.print_title_rows == "$3:$3"
    assert [c.value for c in ws[3]][:3] == ["個人資料檔案名稱", "權責部門", "業務流程"]
    assert ws["A4"].value == "會員資料"
    assert AuditEvent.objects.filter(action="inventory.exported_xlsx").exists()
    from shouhu.imports import services as imports

    batch = imports.stage_import(actor=officer, kind="files", filename="x.xlsx", data=response.content)
    assert batch.error_rows == 0
    result = imports.confirm_import(actor=officer, batch=batch).result
    assert (result["created"], result["updated"]) == (0, 0)  # the export reads back as the same data


def test_csv_export(web: Any, make_file: Callable[..., PersonalDataFile]) -> None:
    make_file()
    response = web.get(reverse("inventory:files_export", args=["csv"]))
    assert response.content.startswith("\ufeff個人資料檔案名稱".encode())


def test_upload_preview_fix_confirm(web: Any, org: dict[str, Any]) -> None:
    data = xlsx(FILE_HEADERS, [file_row(), file_row("員工", **{"權責部門": "人資"})])
    response = web.post(
        reverse("imports:upload", args=["files"]), {"file": SimpleUploadedFile("inv.xlsx", data)}
    )
    batch = ImportBatch.objects.get()
    assert response.url == reverse("imports:preview", args=[batch.pk])
    html = web.get(response.url).content.decode()
    assert "第 5 列" in html
    assert "欄位「權責部門」（B 欄）：找不到部門「人資」" in html
    web.post(reverse("imports:confirm", args=[batch.pk]))
    assert not PersonalDataFile.objects.exists()
    index = batch.headers.index("權責部門")
    web.post(reverse("imports:fix", args=[batch.pk]), {"row": "5", f"cell-{index}": "人資部"})
    response = web.post(reverse("imports:confirm", args=[batch.pk]))
    assert response.url == reverse("inventory:files")
    assert PersonalDataFile.objects.count() == 2


def test_upload_error_shown_on_form(web: Any, org: dict[str, Any]) -> None:
    response = web.post(
        reverse("imports:upload", args=["files"]),
        {"file": SimpleUploadedFile("inv.csv", "名稱\n".encode("utf-16"))},
    )
    assert "無法辨識檔案編碼" in response.content.decode()


def test_flow_page_and_downloads(web: Any, make_file: Callable[..., PersonalDataFile]) -> None:
    make_file()
    html = web.get(reverse("inventory:flows")).content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in html
    svg = web.get(reverse("inventory:flow_download", args=["svg"]), {"process": "電商會員服務"})
    assert svg["Content-Type"] == "image/svg+xml"
    png = web.get(reverse("inventory:flow_download", args=["png"]), {"process": "電商會員服務"})
    assert png.content.startswith(b"\x89PNG")
    assert web.get(reverse("inventory:flow_download", args=["png"]), {"process": "nope"}).status_code == 404


def test_notice_pages(web: Any, make_file: Callable[..., PersonalDataFile]) -> None:
    pd_file = make_file()
    response = web.post(reverse("inventory:notice_generate", args=[pd_file.pk]), {"kind": "art8"})
    notice = Notice.objects.get()
    assert response.url == reverse("inventory:notice", args=[notice.pk])
    web.post(response.url, {"text": "修改後的告知內容"})
    assert list(pd_file.notices.values_list("version", "generated")) == [(2, False), (1, True)]


def test_file_form_create_and_edit(web: Any, org: dict[str, Any]) -> None:
    from shouhu.inventory.models import Category, Purpose

    data = {
        "name": "訪客登記",
        "department": org["it"].pk,
        "role": "controller",
        "data_subjects": ["other"],
        "data_subjects_other": "訪客",
        "purposes": [Purpose.objects.get(code="069").pk],
        "categories": [Category.objects.get(code="C001").pk],
        "legal_bases": ["5"],
        "records_general": "0",
        "records_special": "0",
        "count_source": "manual",
    }
    response = web.post(reverse("inventory:file_create"), data)
    pd_file = PersonalDataFile.objects.get()
    assert response.url == reverse("inventory:file", args=[pd_file.pk])
    response = web.post(reverse("inventory:file", args=[pd_file.pk]), {**data, "records_general": "10"})
    assert "填寫筆數時，請一併填寫筆數計算日期" in response.content.decode()


def test_pages_render(web: Any, make_file: Callable[..., PersonalDataFile], system: Any) -> None:
    pd_file = make_file(systems=[system])
    for url in (
        reverse("inventory:systems"),
        reverse("inventory:system", args=[system.pk]),
        reverse("inventory:file", args=[pd_file.pk]),
        reverse("inventory:reference"),
        reverse("inventory:file_create"),
        reverse("imports:upload", args=["systems"]),
        reverse("inventory:systems_export"),
    ):
        assert web.get(url).status_code == 200, url
    assert "尚未收錄" in web.get(reverse("inventory:reference")).content.decode()


def test_staff_cannot_see_inventory(login_as: Any, make_user: Any, seeded: None) -> None:
    web = login_as(make_user("staff"))
    assert web.get(reverse("inventory:files")).status_code == 403
    assert web.get(reverse("imports:upload", args=["files"])).status_code == 403


def test_auditor_reads_but_cannot_import(login_as: Any, make_user: Any, seeded: None) -> None:
    web = login_as(make_user("auditor"))
    assert web.get(reverse("inventory:files")).status_code == 200
    assert web.get(reverse("imports:upload", args=["files"])).status_code == 403
