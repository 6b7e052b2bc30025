import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from shouhu.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_list_and_scores(completed, capsys):
    call_command("assessment", "list")
    assert f"{completed.pk}\t自我檢查" in capsys.readouterr().out
    call_command("assessment", "scores", str(completed.pk))
    assert "整體" in capsys.readouterr().out


def test_export_writes_the_file_and_audits_as_cli(officer, completed, tmp_path):
    target = tmp_path / "report.xlsx"
    call_command(
        "assessment", "export", str(completed.pk), "--format", "xlsx", "--user", "officer", "-o", str(target)
    )
    ws = load_workbook(io.BytesIO(target.read_bytes()))["附錄一"]
    assert ws["A5"].value == "編號"
    event = AuditEvent.objects.filter(action="assessment.exported").latest("id")
    assert event.channel == "cli"


def test_export_errors_are_clear(staff, completed, tmp_path):
    with pytest.raises(CommandError, match="找不到檢查"):
        call_command("assessment", "export", "999", "--user", "officer", "-o", str(tmp_path / "x"))
    with pytest.raises(CommandError, match="找不到啟用中的帳號"):
        call_command("assessment", "export", str(completed.pk), "--user", "nobody", "-o", str(tmp_path / "x"))
    with pytest.raises(CommandError, match="權限"):
        call_command("assessment", "export", str(completed.pk), "--user", "staff", "-o", str(tmp_path / "x"))
