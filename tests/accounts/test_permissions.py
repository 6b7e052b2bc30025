import datetime as dt

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
