import csv
import io

import pytest
from openpyxl import load_workbook

from shouhu.audit.models import AuditEvent
from shouhu.audit.services import record

pytestmark = pytest.mark.django_db


def test_audit_page_filters_by_action(client, make_user, login_as):
    login_as(make_user("auditor"))
    record(actor=None, action="alpha.done", object_type="x")
    record(actor=None, action="beta.done", object_type="x")
    body = client.get("/audit/?action=alpha").content.decode()
    assert 'title="alpha.done"' in body  # the row's action cell (its words show, the code is the title)
    assert 'title="beta.done"' not in body


def test_csv_export_escapes_formulas_and_is_audited(client, make_user, login_as):
    login_as(make_user("auditor"))
    record(actor=None, action="x.y", object_type="t", object_repr='=HYPERLINK("http://evil")')
    response = client.get("/audit/?format=csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    reprs = [r[8] for r in rows[1:]]
    assert '\'=HYPERLINK("http://evil")' in reprs
    assert AuditEvent.objects.filter(action="audit.exported").exists()


def test_xlsx_export_opens_with_the_header_row(client, make_user, login_as):
    login_as(make_user("auditor"))
    response = client.get("/audit/?format=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[3]][:3] == ["編號", "時間（臺北）", "使用者"]


def test_bad_date_filter_shows_a_zh_message(client, make_user, login_as):
    login_as(make_user("auditor"))
    body = client.get("/audit/?date_from=yesterday").content.decode()
    assert "無法辨識的日期格式" in body


def test_every_login_is_audited(client, make_user, password):
    user = make_user("staff")
    client.post("/accounts/login/", {"username": user.username, "password": password})
    event = AuditEvent.objects.get(action="auth.login")
    assert event.actor_id == user.pk
    assert event.ip == "127.0.0.1"
