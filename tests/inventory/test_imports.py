from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from openpyxl.utils import get_column_letter

from shouhu.audit.models import AuditEvent
from shouhu.imports import services as imports
from shouhu.imports.models import ImportBatch
from shouhu.imports.services import JOB_THRESHOLD
from shouhu.inventory.models import PersonalDataFile, System
from shouhu.jobs.models import Job
from tests.factories import RoleAssignmentFactory, UserFactory
from tests.inventory.sheets import FILE_HEADERS, csv_bytes, file_row, with_cached_value, xlsx

COL = {h: get_column_letter(i + 1) for i, h in enumerate(FILE_HEADERS)}


def stage(actor: Any, data: bytes, name: str = "inventory.xlsx", kind: str = "files") -> ImportBatch:
    return imports.stage_import(actor=actor, kind=kind, filename=name, data=data)


def errors_of(batch: ImportBatch, row: int) -> dict[str, list[str]]:
    return next(r["errors"] for r in batch.rows if r["row"] == row)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp950"])
def test_csv_encodings(org: dict[str, Any], officer: Any, encoding: str) -> None:
    batch = stage(officer, csv_bytes(FILE_HEADERS, [file_row()], encoding), "inv.csv")
    assert batch.encoding == {"utf-8": "UTF-8", "utf-8-sig": "UTF-8-BOM", "cp950": "Big5"}[encoding]
    assert batch.error_rows == 0
    assert batch.rows[0]["values"]["權責部門"] == "資訊部"


def test_wrong_encoding_is_refused_in_zh_tw(org: dict[str, Any], officer: Any) -> None:
    data = csv_bytes(FILE_HEADERS, [file_row()], "utf-16")
    with pytest.raises(ValidationError) as exc:
        stage(officer, data, "inv.csv")
    assert "UTF-8" in exc.value.message_dict["file"][0]
    assert not ImportBatch.objects.exists()


def test_garbage_xlsx_and_legacy_xls_and_empty(org: dict[str, Any], officer: Any) -> None:
    with pytest.raises(ValidationError, match="無法讀取 XLSX"):
        stage(officer, b"PK\x03\x04 not really a zip")
    with pytest.raises(ValidationError, match=".xls"):
        stage(officer, b"\xd0\xcf\x11\xe0", "old.xls")
    with pytest.raises(ValidationError, match="空的"):
        stage(officer, b"")


def test_missing_header_row(org: dict[str, Any], officer: Any) -> None:
    with pytest.raises(ValidationError, match="找不到標題列"):
        stage(officer, xlsx(["名稱", "部門"], [["a", "b"]]))


def test_preview_writes_nothing_and_reports_row_and_column(org: dict[str, Any], officer: Any) -> None:
    data = xlsx(
        FILE_HEADERS,
        [
            file_row(),
            file_row(
                "員工資料", **{"權責部門": "不存在部", "特定目的": "999、004、行銷", "個資類別": "C001、C999"}
            ),
        ],
    )
    batch = stage(officer, data)
    assert PersonalDataFile.objects.count() == 0
    assert batch.error_rows == 1
    errors = errors_of(batch, 5)  # title, blank, header, row 4 valid, row 5 bad
    assert errors["權責部門"] == [
        "找不到部門「不存在部」；現有部門：人資部、資訊部（新部門請先在組織資料新增）。"
    ]
    assert "代碼 999 不在法務部特定目的清單（001–182）" in errors["特定目的"][0]
    assert "代碼 004 尚未收錄名稱" in errors["特定目的"][0]
    assert "「行銷」不是特定目的代碼" in errors["特定目的"][0]
    assert errors["個資類別"] == ["未知的個資類別代碼：C999（格式如 C001）。"]
    assert batch.result["letters"]["特定目的"] == COL["特定目的"]
    assert AuditEvent.objects.filter(action="imports.staged").count() == 1


def test_merged_cells_and_empty_rows(org: dict[str, Any], officer: Any) -> None:
    rows = [file_row("A"), file_row("B", **{"權責部門": None}), file_row("C", **{"權責部門": None})]
    data = xlsx(
        FILE_HEADERS, [rows[0], [], rows[1], rows[2]], merges=[f"{COL['權責部門']}4:{COL['權責部門']}7"]
    )
    batch = stage(officer, data)
    assert [r["row"] for r in batch.rows] == [4, 6, 7]
    assert {r["values"]["權責部門"] for r in batch.rows} == {"資訊部"}
    assert batch.error_rows == 0


def test_formula_without_saved_value_is_a_row_error(org: dict[str, Any], officer: Any) -> None:
    batch = stage(officer, xlsx(FILE_HEADERS, [file_row(**{"一般個資筆數": "=600*2"})]))
    assert "公式" in errors_of(batch, 4)["一般個資筆數"][0]


def test_formula_uses_the_value_excel_saved(org: dict[str, Any], officer: Any) -> None:
    data = with_cached_value(
        xlsx(FILE_HEADERS, [file_row(**{"一般個資筆數": "=600*2"})]), f"{COL['一般個資筆數']}4", "1200"
    )
    batch = stage(officer, data)
    assert batch.error_rows == 0
    assert batch.rows[0]["values"]["一般個資筆數"] == "1200"


def test_csv_formula_is_refused(org: dict[str, Any], officer: Any) -> None:
    batch = stage(
        officer, csv_bytes(FILE_HEADERS, [file_row(**{"利用方式": '=HYPERLINK("x")'})], "utf-8"), "a.csv"
    )
    assert "公式" in errors_of(batch, 2)["利用方式"][0]


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("一般個資筆數", "很多", "不是數字"),
        ("一般個資筆數", "-3", "0 以上的整數"),
        ("筆數計算日期", "昨天", "不是日期"),
        ("本公司角色", "老闆", "不是有效選項"),
        ("當事人類型", "外星人", "不是有效選項"),
        ("蒐集依據(個資法第19條)", "九", "一至八"),
        ("系統", "不存在系統", "找不到系統"),
        ("委託者", "沒有這家", "找不到委託者"),
        ("本公司角色", "蒐集者", "不應指定委託者"),
    ],
)
def test_cell_errors(org: dict[str, Any], officer: Any, column: str, value: str, message: str) -> None:
    batch = stage(officer, xlsx(FILE_HEADERS, [file_row(**{column: value})]))
    errors = errors_of(batch, 4)
    assert any(message in m for ms in errors.values() for m in ms), errors


def test_roc_dates_and_duplicate_rows(org: dict[str, Any], officer: Any) -> None:
    batch = stage(officer, xlsx(FILE_HEADERS, [file_row(**{"筆數計算日期": "民國115年11月1日"}), file_row()]))
    assert errors_of(batch, 4) == {}
    assert errors_of(batch, 5)["個人資料檔案名稱"] == ["與第 4 列重複（相同部門、委託者與檔案名稱）。"]


def test_fix_row_then_confirm_and_reimport_has_no_duplicates(
    org: dict[str, Any], officer: Any, system: System
) -> None:
    data = xlsx(
        FILE_HEADERS, [file_row(**{"系統": "會員資料庫"}), file_row("員工資料", **{"權責部門": "人資"})]
    )
    batch = stage(officer, data)
    with pytest.raises(ValidationError, match="仍有 1 列有錯誤"):
        imports.confirm_import(actor=officer, batch=batch)
    batch = imports.fix_row(actor=officer, batch=batch, row_number=5, values={"權責部門": "人資部"})
    assert batch.error_rows == 0
    batch = imports.confirm_import(actor=officer, batch=batch)
    assert batch.status == "done"
    assert (batch.result["created"], batch.result["updated"]) == (2, 0)
    pd_file = PersonalDataFile.objects.get(name="會員資料")
    assert list(pd_file.systems.all()) == [system]
    assert sorted(pd_file.purposes.values_list("code", flat=True)) == ["090", "148"]
    assert pd_file.legal_bases == ["2"]
    assert pd_file.data_subjects == ["consumer"]
    event = AuditEvent.objects.get(action="imports.confirmed.files")
    assert len(event.changes["created_ids"][1]) == 2
    again = imports.confirm_import(
        actor=officer,
        batch=stage(
            officer,
            xlsx(
                FILE_HEADERS,
                [
                    file_row(**{"系統": "會員資料庫", "一般個資筆數": 1300}),
                    file_row("員工資料", **{"權責部門": "人資部"}),
                ],
            ),
        ),
    )
    assert (again.result["created"], again.result["updated"]) == (0, 1)  # the unchanged row is not written
    assert PersonalDataFile.objects.count() == 2
    assert PersonalDataFile.objects.get(name="會員資料").records_general == 1300
    assert PersonalDataFile.objects.get(name="會員資料").systems.count() == 1
    third = imports.confirm_import(
        actor=officer,
        batch=stage(officer, xlsx(FILE_HEADERS, [file_row(**{"一般個資筆數": 1300, "特定目的": "069"})])),
    )
    assert (third.result["created"], third.result["updated"], third.result["unchanged"]) == (0, 1, 0)
    pd_file = PersonalDataFile.objects.get(name="會員資料")
    assert list(pd_file.purposes.values_list("code", flat=True)) == ["069"]
    assert pd_file.systems.count() == 0


def test_skip_invalid_rows(org: dict[str, Any], officer: Any) -> None:
    batch = stage(officer, xlsx(FILE_HEADERS, [file_row(), file_row("X", **{"個資類別": "C999"})]))
    batch = imports.confirm_import(actor=officer, batch=batch, skip_invalid=True)
    assert (batch.result["created"], batch.result["skipped"]) == (1, 1)


def test_cancel_and_no_second_confirm(org: dict[str, Any], officer: Any) -> None:
    batch = imports.cancel_import(actor=officer, batch=stage(officer, xlsx(FILE_HEADERS, [file_row()])))
    with pytest.raises(ValidationError, match="已取消"):
        imports.confirm_import(actor=officer, batch=batch)
    assert not PersonalDataFile.objects.exists()


def test_data_changed_between_preview_and_confirm(org: dict[str, Any], officer: Any) -> None:
    batch = stage(officer, xlsx(FILE_HEADERS, [file_row()]))
    org["shop"].delete()
    batch = imports.confirm_import(actor=officer, batch=batch)
    assert batch.status == "pending"
    assert batch.result["error"] == "資料在確認前已變更，部分列不再有效；請重新檢視預覽。"
    assert batch.error_rows == 1
    assert not PersonalDataFile.objects.exists()


def test_department_scope_applies_per_row(org: dict[str, Any]) -> None:
    user = UserFactory()
    RoleAssignmentFactory(user=user, role="pd_officer", department=org["hr"])
    batch = stage(user, xlsx(FILE_HEADERS, [file_row(), file_row("B", **{"權責部門": "人資部"})]))
    assert "沒有「資訊部」的個資盤點管理權限" in errors_of(batch, 4)["權責部門"][0]
    assert errors_of(batch, 5) == {}


def test_import_needs_permission(org: dict[str, Any], make_user: Any) -> None:
    with pytest.raises(PermissionDenied):
        stage(make_user("auditor"), xlsx(FILE_HEADERS, [file_row()]))


def test_systems_import_round_trip(org: dict[str, Any], officer: Any) -> None:
    headers = ["名稱", "類型", "位置", "雲端服務商", "區域", "網段", "存放真實個資", "相關委託者"]
    rows = [
        [
            "會員資料庫",
            "儲存客戶之消費者個資之系統或設備",
            "第三方雲端",
            "GCP",
            "asia-east1",
            "資料庫區",
            "是",
            "好物商城股份有限公司",
        ],
        ["測試機", "內部資訊系統", "自有機房", "", "", "測試區", "是", ""],
    ]
    batch = stage(officer, xlsx(headers, rows, title="系統與資產清冊"), kind="systems")
    assert "測試區的系統不得存放真實個人資料" in errors_of(batch, 5)["存放真實個資"][0]
    batch = imports.fix_row(actor=officer, batch=batch, row_number=5, values={"存放真實個資": "否"})
    imports.confirm_import(actor=officer, batch=batch)
    assert System.objects.get(name="會員資料庫").clients.count() == 1
    again = imports.confirm_import(
        actor=officer, batch=stage(officer, xlsx(headers, [rows[0]]), kind="systems")
    )
    assert (again.result["created"], again.result["updated"]) == (0, 1)
    assert System.objects.count() == 2


def test_a_large_import_runs_as_a_job(
    org: dict[str, Any], officer: Any, django_capture_on_commit_callbacks: Any
) -> None:
    # Just over the job threshold; the 10,000-row timing lives in bench/inventory (no wall clock in tests).
    count = JOB_THRESHOLD + 1
    rows = [file_row(f"檔案{i:05d}", **{"一般個資筆數": i}) for i in range(count)]
    data = xlsx(FILE_HEADERS, rows)
    batch = stage(officer, data)
    assert batch.error_rows == 0
    with django_capture_on_commit_callbacks(execute=True):
        batch = imports.confirm_import(actor=officer, batch=batch)
    batch.refresh_from_db()
    assert batch.status == "done"
    assert batch.job is not None
    assert batch.job.status == Job.Status.SUCCEEDED
    assert PersonalDataFile.objects.count() == count
    assert PersonalDataFile.purposes.through.objects.count() == 2 * count
    assert batch.job.progress == batch.job.total == count


def test_an_import_whose_worker_died_for_good_returns_to_its_preview(
    org: dict[str, Any], officer: Any, settings: Any
) -> None:
    import datetime as dt

    from django.utils import timezone

    from shouhu.jobs import services as jobs

    settings.SHOUHU_JOB_STALE_SECONDS = 60
    batch = stage(officer, xlsx(FILE_HEADERS, [file_row("客戶名單")]))
    beat = timezone.now() - dt.timedelta(seconds=61)
    job = Job.objects.create(
        kind="imports.confirm",
        params={"batch_id": batch.pk},
        status=Job.Status.RUNNING,
        started_at=beat,
        heartbeat_at=beat,
        worker="h:1",
        attempts=jobs.MAX_ATTEMPTS,
    )
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportBatch.Status.RUNNING, job=job)
    jobs.reap_stale()
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.PENDING
    assert "背景程序中斷" in batch.result["error"]
    assert PersonalDataFile.objects.count() == 0
    assert AuditEvent.objects.filter(action="imports.interrupted", object_id=str(batch.pk)).exists()


def test_a_purpose_written_with_its_name_containing_commas_is_one_purpose(
    org: dict[str, Any], officer: Any
) -> None:
    batch = stage(officer, xlsx(FILE_HEADERS, [file_row(**{"特定目的": "031 全民健康保險、勞工保險、148"})]))
    assert batch.error_rows == 0, batch.rows[0]["errors"]


@pytest.mark.parametrize(("kind", "spec"), [("files", "個人資料盤點表"), ("systems", "系統與資產")])
def test_the_downloadable_template_has_the_headers_and_an_example_that_imports(
    org: dict[str, Any], officer: Any, login_as: Any, kind: str, spec: str
) -> None:
    import io

    from openpyxl import load_workbook

    from shouhu.core.importing.base import spec_for

    response = login_as(officer).get(f"/imports/{kind}/template.xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    rows = list(book[spec].iter_rows(values_only=True))
    assert list(rows[0]) == list(spec_for(kind).columns)
    assert len(rows) == 2
    batch = stage(officer, response.content, kind=kind)
    assert batch.error_rows == 0, batch.rows[0]["errors"]


def _row_events(action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action).order_by("id"))


def test_every_imported_file_row_has_its_own_audit_entry_with_old_and_new_values(
    org: dict[str, Any], officer: Any
) -> None:
    from shouhu.audit.services import verify_chain

    rows = [file_row(), file_row("員工資料", **{"權責部門": "人資部"})]
    imports.confirm_import(actor=officer, batch=stage(officer, xlsx(FILE_HEADERS, rows)))
    created = _row_events("inventory.personaldatafile.created")
    files = {f.name: f for f in PersonalDataFile.objects.all()}
    assert sorted((e.object_id, e.actor_id) for e in created) == sorted(
        (str(f.pk), officer.pk) for f in files.values()
    )
    first = next(e for e in created if e.object_id == str(files["會員資料"].pk))
    assert first.changes["records_general"] == [None, 1200]
    assert first.changes["department"] == [None, org["it"].pk]
    assert len(first.changes["purposes"][1]) == 2
    # Re-import: one row changes its count and purposes, the other is unchanged and gets no entry.
    rows[0] = file_row(**{"一般個資筆數": 1300, "特定目的": "069"})
    imports.confirm_import(actor=officer, batch=stage(officer, xlsx(FILE_HEADERS, rows)))
    updated = _row_events("inventory.personaldatafile.updated")
    assert [e.object_id for e in updated] == [str(files["會員資料"].pk)]
    purpose_069 = PersonalDataFile.objects.get(name="會員資料").purposes.get().pk
    assert updated[0].changes["records_general"] == [1200, 1300]
    assert updated[0].changes["purposes"][1] == [purpose_069]
    assert set(updated[0].changes) == {"records_general", "purposes"}
    assert verify_chain().ok  # entries written in bulk keep the chain intact


def test_every_imported_system_row_has_its_own_audit_entry(org: dict[str, Any], officer: Any) -> None:
    headers = ["名稱", "類型", "位置", "網段", "存放真實個資", "負責人"]
    row = ["測試機", "內部資訊系統", "自有機房", "測試區", "否", "王小明"]
    imports.confirm_import(actor=officer, batch=stage(officer, xlsx(headers, [row]), kind="systems"))
    system = System.objects.get(name="測試機")
    assert [e.object_id for e in _row_events("inventory.system.created")] == [str(system.pk)]
    imports.confirm_import(
        actor=officer, batch=stage(officer, xlsx(headers, [[*row[:5], "李大華"]]), kind="systems")
    )
    (updated,) = _row_events("inventory.system.updated")
    assert (updated.object_id, updated.changes) == (str(system.pk), {"owner": ["王小明", "李大華"]})


def test_official_names_written_without_codes_are_read_whole(org: dict[str, Any], officer: Any) -> None:
    # given MOJ names with 「、」 inside, copied without their codes
    from shouhu.inventory.models import Category, Purpose

    purpose = Purpose.objects.get(code="039")
    category = Category.objects.get(code="C065")
    row = file_row("差勤", **{"特定目的": purpose.name, "個資類別": f"{category.name}、C001"})
    # when the sheet is read
    batch = stage(officer, xlsx(FILE_HEADERS, [row]))
    # then each name is one entry of its code and the row is valid
    assert batch.error_rows == 0, batch.rows[0]["errors"]
    assert "、" in purpose.name
    assert "、" in category.name
    imports.confirm_import(actor=officer, batch=batch)
    saved = PersonalDataFile.objects.get(name="差勤")
    assert list(saved.purposes.values_list("code", flat=True)) == ["039"]
    assert sorted(saved.categories.values_list("code", flat=True)) == ["C001", "C065"]
