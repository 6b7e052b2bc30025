import datetime as dt
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from shouhu.accounts.permissions import has_perm
from shouhu.organization import services

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "allowed"), [("admin", True), ("pd_officer", True), ("auditor", False), ("staff", False)]
)
def test_creating_a_department_is_checked_in_the_service(make_user, role, allowed):
    user = make_user(role)
    if allowed:
        assert services.create_department(actor=user, data={"name": "資訊部"}).pk
    else:
        with pytest.raises(PermissionDenied):
            services.create_department(actor=user, data={"name": "資訊部"})


def test_auditor_reads_audit_log_but_cannot_manage_accounts(make_user):
    auditor = make_user("auditor")
    assert has_perm(auditor, "audit.view")
    assert has_perm(auditor, "findings.create")
    assert not has_perm(auditor, "accounts.manage")
    assert not has_perm(auditor, "org.manage")


def test_role_outside_its_dates_grants_nothing(make_user):
    from shouhu.accounts.models import RoleAssignment

    user = make_user()
    RoleAssignment.objects.create(
        user=user,
        role="admin",
        starts_on=timezone.localdate() - dt.timedelta(days=10),
        ends_on=timezone.localdate() - dt.timedelta(days=1),
    )
    assert not has_perm(user, "org.manage")


def test_department_officer_manages_inventory_only_in_own_department(make_user):
    from shouhu.accounts.models import RoleAssignment
    from tests.factories import DepartmentFactory

    own, other = DepartmentFactory(), DepartmentFactory()
    user = make_user()
    RoleAssignment.objects.create(user=user, role="pd_officer", department=own)
    assert has_perm(user, "inventory.manage", department_id=own.pk)
    assert not has_perm(user, "inventory.manage", department_id=other.pk)


def test_staff_is_refused_the_audit_page(client, make_user, login_as):
    login_as(make_user("staff"))
    assert client.get("/audit/").status_code == 403


def test_inactive_user_has_no_permissions(make_user):
    user = make_user("admin", is_active=False)
    assert not has_perm(user, "org.view")


def test_every_permission_code_has_a_label_in_both_languages():
    from django.utils import translation

    from shouhu.accounts.roles import PERM_LABELS, PERMISSIONS

    codes = set().union(*PERMISSIONS.values())
    assert codes - set(PERM_LABELS) == set()
    with translation.override("en"):
        untranslated = {code for code in codes if re.search(r"[\u4e00-\u9fff]", str(PERM_LABELS[code]))}
    assert untranslated == set()


def test_refusal_says_what_was_refused_in_words_not_the_code(make_user):
    from django.utils import translation

    staff = make_user("staff")
    with pytest.raises(PermissionDenied) as refused:
        services.create_department(actor=staff, data={"name": "資訊部"})
    assert str(refused.value) == "您沒有管理組織資料的權限。"
    with translation.override("en"), pytest.raises(PermissionDenied) as refused:
        services.create_department(actor=staff, data={"name": "資訊部"})
    assert str(refused.value) == "You do not have permission to manage organisation data."


def test_department_officer_is_told_the_record_is_outside_their_department(make_user):
    from shouhu.accounts.models import RoleAssignment
    from shouhu.accounts.permissions import require_for_department
    from tests.factories import DepartmentFactory

    own, other = DepartmentFactory(), DepartmentFactory()
    user = make_user()
    RoleAssignment.objects.create(user=user, role="pd_officer", department=own)
    with pytest.raises(PermissionDenied) as refused:
        require_for_department(user, "inventory.manage", other.pk)
    assert str(refused.value) == "您僅能在所屬部門內管理個資檔案；這筆紀錄或設定屬於其他部門或全公司。"
