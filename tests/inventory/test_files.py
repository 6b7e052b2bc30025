from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from shouhu.audit.models import AuditEvent
from shouhu.inventory import services
from shouhu.inventory.models import PersonalDataFile, Purpose
from shouhu.inventory.selectors import consumer_record_totals
from tests.factories import RoleAssignmentFactory, UserFactory

Make = Callable[..., PersonalDataFile]


def test_create_file_sets_links_and_audits(make_file: Make, system: Any) -> None:
    pd_file = make_file(systems=[system])
    assert sorted(pd_file.purposes.values_list("code", flat=True)) == ["090", "148"]
    assert pd_file.natural_key == "資訊部|好物商城股份有限公司|會員資料"
    actions = set(
        AuditEvent.objects.filter(object_type="inventory.personaldatafile").values_list("action", flat=True)
    )
    assert {"inventory.personaldatafile.created", "inventory.personaldatafile.links_updated"} <= actions


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"name": ""}, "name", "請填寫個人資料檔案名稱"),
        ({"role": "processor", "client": None}, "client", "請指定委託者"),
        ({"role": "controller"}, "client", "不應指定委託者"),
        ({"role": "boss"}, "role", "蒐集者"),
        ({"data_subjects": []}, "data_subjects", "至少選擇一種當事人"),
        ({"data_subjects": ["aliens"]}, "data_subjects", "未知的當事人類型"),
        ({"data_subjects": ["other"]}, "data_subjects_other", "請說明"),
        ({"legal_bases": []}, "legal_bases", "至少選擇一款"),
        ({"legal_bases": ["9"]}, "legal_bases", "沒有第 9 款"),
        ({"special_categories": ["tattoo"]}, "special_categories", "未知的特種個資"),
        ({"records_special": 5}, "special_categories", "勾選個資法第 6 條"),
        ({"records_general": -1}, "records_general", "0 以上"),
        ({"counted_on": None}, "counted_on", "筆數計算日期"),
        ({"counted_on": dt.date(2999, 1, 1)}, "counted_on", "不可晚於今天"),
        ({"cross_border": True}, "countries", "第 21 條"),
        ({"countries": ["日本"]}, "cross_border", "請勾選"),
        ({"purposes": []}, "purposes", "至少選擇一個特定目的"),
        ({"categories": []}, "categories", "至少選擇一個個人資料類別"),
    ],
)
def test_file_validation(make_file: Make, overrides: dict[str, Any], field: str, message: str) -> None:
    with pytest.raises(ValidationError) as exc:
        make_file(**overrides)
    assert any(message in m for m in exc.value.message_dict[field]), exc.value.message_dict


def test_missing_purpose_code_cannot_be_used(make_file: Make) -> None:
    with pytest.raises(ValidationError, match="尚未收錄名稱"):
        make_file(purposes=[Purpose.objects.get(code="004")])


def test_duplicate_natural_key_refused(make_file: Make) -> None:
    make_file()
    with pytest.raises(ValidationError, match="同名"):
        make_file()


def test_update_changes_links_and_key(make_file: Make, officer: Any, org: dict[str, Any]) -> None:
    pd_file = make_file()
    updated = services.update_file(
        actor=officer,
        pd_file=pd_file,
        data={"client": org["clinic"], "purposes": [Purpose.objects.get(code="069")]},
    )
    assert updated.natural_key == "資訊部|安心診所|會員資料"
    assert list(updated.purposes.values_list("code", flat=True)) == ["069"]
    event = AuditEvent.objects.filter(action="inventory.personaldatafile.links_updated").last()
    assert event is not None
    assert "purposes" in event.changes


def test_scoped_officer_only_in_own_department(org: dict[str, Any], file_data: Any) -> None:
    user = UserFactory()
    RoleAssignmentFactory(user=user, role="pd_officer", department=org["hr"])
    with pytest.raises(PermissionDenied):
        services.create_file(actor=user, data=file_data())
    assert services.create_file(actor=user, data=file_data(department=org["hr"])).pk


def test_consumer_record_totals(make_file: Make, org: dict[str, Any]) -> None:
    make_file(name="A", records_general=3000)
    make_file(name="B", records_general=2500, records_special=10, special_categories=["medical"])
    make_file(name="C", client=org["clinic"], records_general=100)
    make_file(name="Own shop", role="controller", client=None, records_general=700)
    make_file(name="Staff", role="controller", client=None, data_subjects=["employee"], records_general=50)
    make_file(name="Uncounted", records_general=0, counted_on=None)
    totals = consumer_record_totals()
    assert totals.own == 700
    assert [(c.client_name, c.records, c.files) for c in totals.per_client] == [
        ("好物商城股份有限公司", 5510, 3),
        ("安心診所", 100, 1),
    ]
    assert totals.company == 6310
    assert totals.uncounted_files == 1


def test_notice_generation_and_versions(make_file: Make, officer: Any) -> None:
    pd_file = make_file()
    first = services.generate_notice(actor=officer, pd_file=pd_file)
    assert first.version == 1
    second = services.revise_notice(
        actor=officer, notice=first, text=first.text + "\n七、客服專線：02-1234-5678。"
    )
    assert (second.version, second.generated) == (2, False)
    first.refresh_from_db()
    assert "客服專線" not in first.text
    assert pd_file.notices.count() == 2
    with pytest.raises(ValidationError):
        services.revise_notice(actor=officer, notice=second, text="  ")


def test_delete_file(make_file: Make, officer: Any) -> None:
    pd_file = make_file()
    services.delete_file(actor=officer, pd_file=pd_file)
    assert not PersonalDataFile.objects.exists()
    assert AuditEvent.objects.filter(action="inventory.personaldatafile.deleted").exists()


def test_counted_today_is_allowed(make_file: Make) -> None:
    assert make_file(counted_on=timezone.localdate()).pk
