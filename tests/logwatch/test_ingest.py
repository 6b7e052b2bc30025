"""Reading files into a source: events stored, skipped lines counted, raw bytes kept as evidence,
and a file read again adding only what is new."""

from __future__ import annotations

import gzip
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from shouhu.evidence.models import Evidence
from shouhu.evidence.services import read_bytes_internal
from shouhu.logwatch import services
from shouhu.logwatch.models import AccountDay, IngestStatus
from shouhu.logwatch.storage import get_store
from tests.logwatch.conftest import SAMPLES, clf

pytestmark = pytest.mark.django_db


def test_upload_is_read_in_the_background_with_counts_and_reasons(officer, web_source, read):
    ingest = read(officer, web_source, (SAMPLES / "nginx_combined.log").read_bytes())
    assert ingest.status == IngestStatus.SUCCEEDED
    assert (ingest.lines, ingest.events, ingest.malformed) == (9, 6, 2)
    assert ingest.rejects["time"]["lines"] == [7]
    assert ingest.rejects["format"]["zh"] == "不符合所選的記錄格式"
    assert ingest.job.status == "succeeded"
    assert get_store().count(web_source.pk) == 6


def test_raw_bytes_are_kept_hashed_in_the_evidence_store(officer, web_source, read):
    data = (SAMPLES / "nginx_combined.log").read_bytes()
    ingest = read(officer, web_source, data)
    (evidence,) = Evidence.objects.filter(pk__in=ingest.evidence_ids)
    assert evidence.context == f"logwatch.ingest:{ingest.pk}"
    with zipfile.ZipFile(__import__("io").BytesIO(read_bytes_internal(evidence))) as zf:
        (name,) = zf.namelist()
        assert zf.read(name) == data
    assert ingest.raw_sha256 == __import__("hashlib").sha256(data).hexdigest()
    assert (evidence.retention_until - evidence.uploaded_at.date()).days >= 5 * 365


def test_a_grown_file_read_again_adds_only_the_new_lines(officer, web_source, read):
    first = "".join(clf(f"04/May/2026:10:00:{i:02d}", user="wang.mei") + "\n" for i in range(10)).encode()
    more = "".join(clf(f"04/May/2026:10:01:{i:02d}", user="wang.mei") + "\n" for i in range(5)).encode()
    read(officer, web_source, first)
    second = read(officer, web_source, first + more)
    assert (second.start_offset, second.events, second.start_line) == (len(first), 5, 10)
    assert "只讀取新增內容" in second.notes[0]
    third = read(officer, web_source, first + more)
    assert third.events == 0
    assert "沒有新內容。" in third.notes
    assert get_store().count(web_source.pk) == 15
    assert AccountDay.objects.get(source=web_source, account="wang.mei").events == 15


def test_a_rotated_file_with_the_same_name_is_read_from_the_start(officer, web_source, read):
    read(officer, web_source, (clf("04/May/2026:10:00:00") + "\n").encode() * 3)
    rotated = read(officer, web_source, (clf("05/May/2026:10:00:00", ip="61.220.14.8") + "\n").encode() * 4)
    assert (rotated.start_offset, rotated.events) == (0, 4)
    assert "從頭讀取" in rotated.notes[0]


def test_gzip_upload(officer, web_source, read):
    ingest = read(
        officer,
        web_source,
        gzip.compress((SAMPLES / "nginx_combined.log").read_bytes()),
        name="access.log.1.gz",
    )
    assert ingest.events == 6


def test_staff_cannot_upload_and_empty_files_are_refused(make_user, web_source, officer):
    import io

    staff = make_user("staff")
    with pytest.raises(PermissionDenied):
        services.upload(actor=staff, source=web_source, file=io.BytesIO(b"x\n"), filename="a.log")
    with pytest.raises(ValidationError, match="檔案是空的"):
        services.upload(actor=officer, source=web_source, file=io.BytesIO(b""), filename="a.log")


@pytest.mark.parametrize(
    ("fmt", "sample", "options", "events"),
    [
        ("common", "apache_common.log", {}, 4),
        ("jsonl", "app.jsonl", {}, 3),
        (
            "csv",
            "db_export.csv",
            {
                "mapping": {
                    "time": "時間",
                    "account": "帳號",
                    "ip": "來源IP",
                    "target": "資料表",
                    "rows": "筆數",
                }
            },
            2,
        ),
        ("postgres", "postgres.log", {}, 7),
        ("mysql_general", "mysql_general.log", {}, 6),
        ("mariadb_audit", "mariadb_audit.log", {}, 5),
    ],
)
def test_every_format_reads_its_sample(officer, read, fmt, sample, options, events):
    source = services.create_source(actor=officer, data={"name": fmt, "format": fmt, "options": options})
    assert read(officer, source, (SAMPLES / sample).read_bytes(), name=sample).events == events


def test_csv_source_needs_a_time_column(officer):
    with pytest.raises(ValidationError) as exc:
        services.create_source(
            actor=officer, data={"name": "csv", "format": "csv", "options": {"mapping": {}}}
        )
    assert "options" in exc.value.message_dict


def test_folder_sources_are_for_administrators_inside_allowed_folders(
    officer, admin_user, settings, tmp_path
):
    logs = tmp_path / "var-log"
    logs.mkdir()
    with pytest.raises(ValidationError, match="只有系統管理員"):
        services.create_source(actor=officer, data={"name": "f", "format": "combined", "folder": str(logs)})
    settings.SHOUHU_LOGWATCH_BASE_DIRS = []
    with pytest.raises(ValidationError, match="SHOUHU_LOGWATCH_BASE_DIRS"):
        services.create_source(
            actor=admin_user, data={"name": "f", "format": "combined", "folder": str(logs)}
        )
    settings.SHOUHU_LOGWATCH_BASE_DIRS = [str(tmp_path / "elsewhere")]
    with pytest.raises(ValidationError, match="不在允許讀取的範圍內"):
        services.create_source(
            actor=admin_user, data={"name": "f", "format": "combined", "folder": str(logs)}
        )


def test_folder_is_read_incrementally_and_a_half_written_line_waits(
    admin_user, settings, tmp_path, django_capture_on_commit_callbacks
):
    logs = tmp_path / "nginx"
    logs.mkdir()
    settings.SHOUHU_LOGWATCH_BASE_DIRS = [str(tmp_path)]
    source = services.create_source(
        actor=admin_user,
        data={"name": "f", "format": "combined", "folder": str(logs), "pattern": "access.log*"},
    )
    log = logs / "access.log"
    log.write_text(clf("04/May/2026:10:00:00") + "\n" + clf("04/May/2026:10:00:01")[:30])
    with django_capture_on_commit_callbacks(execute=True):
        (first,) = services.read_folder(actor=admin_user, source=source)
    first.refresh_from_db()
    assert first.events == 1
    with log.open("a") as fh:
        fh.write(clf("04/May/2026:10:00:01")[30:] + "\n")
    with django_capture_on_commit_callbacks(execute=True):
        (second,) = services.read_folder(actor=admin_user, source=source)
    second.refresh_from_db()
    assert (second.events, second.malformed) == (1, 0)
    assert services.read_folder(actor=admin_user, source=source) == []


def test_the_notes_of_a_read_show_in_the_readers_language(officer, web_source, read, login_as, settings):
    from django.utils import translation

    first = "".join(clf(f"04/May/2026:10:00:{i:02d}", user="wang.mei") + "\n" for i in range(3)).encode()
    read(officer, web_source, first)
    with translation.override("en"):  # started from an English page: the notes are still stored in zh-TW
        again = read(officer, web_source, first)
    assert again.notes == ["延續上次讀取位置（第 3 行之後），只讀取新增內容。", "沒有新內容。"]
    page = login_as(officer)
    page.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = page.get(f"/logwatch/ingests/{again.pk}/").content.decode()
    assert "Continued from where the last read stopped (after line 3); only new content was read." in english
    assert "No new content." in english
    assert "沒有新內容" not in english
    page.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hant"
    chinese = page.get(f"/logwatch/ingests/{again.pk}/").content.decode()
    assert "延續上次讀取位置（第 3 行之後），只讀取新增內容。" in chinese
    assert "No new content." not in chinese


def test_an_old_reads_notes_show_as_stored(officer, web_source, read, login_as, settings):
    ingest = read(officer, web_source, (clf("04/May/2026:10:00:00") + "\n").encode())
    type(ingest).objects.filter(pk=ingest.pk).update(notes=["舊的說明"], note_messages=[])
    page = login_as(officer)
    page.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "舊的說明" in page.get(f"/logwatch/ingests/{ingest.pk}/").content.decode()


def test_a_failed_read_shows_its_error_in_the_readers_language(officer, web_source, login_as, settings):
    from shouhu.core.messages import compose
    from shouhu.logwatch.jobs import MISSING
    from shouhu.logwatch.models import Ingest, LogFile

    said = compose(MISSING)
    log_file = LogFile.objects.create(source=web_source, name="gone.log")
    ingest = Ingest.objects.create(source=web_source, file=log_file, status=IngestStatus.FAILED,
                                   error=said.text, error_key=said.key, error_facts=said.facts)  # fmt: skip
    page = login_as(officer)
    page.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = page.get(f"/logwatch/ingests/{ingest.pk}/").content.decode()
    assert "The file to read was not found on the server (it may have been rotated or deleted)." in english
    page.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hant"
    assert said.text in page.get(f"/logwatch/ingests/{ingest.pk}/").content.decode()
