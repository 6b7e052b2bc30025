"""Database scan targets: non-administrators reach only listed hosts; dangerous driver options never."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from shouhu.accounts.models import User
from shouhu.scans import services
from shouhu.scans.models import ScanSource


@pytest.fixture(autouse=True)
def _allow_list(settings: Any) -> None:
    settings.SHOUHU_SCAN_DB_HOSTS = ["db.example", "10.20.0.0/16", "127.0.0.1", "169.254.169.254"]


def _create(actor: User, url: str) -> ScanSource:
    return services.create_source(
        actor=actor, data={"name": "CRM", "kind": "database", "database_url": url, "sample_rows": 10}
    )


def _refusal(actor: User, url: str) -> str:
    with pytest.raises(ValidationError) as exc:
        _create(actor, url)
    return exc.value.message_dict["database_url"][0]


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://u:pw@db.example:5432/crm",
        "postgresql://u:pw@DB.EXAMPLE/crm?sslmode=require&connect_timeout=5",
        "mysql+pymysql://u@10.20.3.4/crm?password=pw&charset=utf8mb4",
    ],
)
def test_officer_may_scan_a_listed_host(officer: User, url: str) -> None:
    assert _create(officer, url).url_masked


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://u:pw@db.other.example/crm",
        "postgresql://u:pw@10.21.0.1/crm",
        "postgresql://u:pw@db.example.evil.test/crm",
    ],
)
def test_officer_cannot_scan_an_unlisted_host(officer: User, url: str) -> None:
    assert "SHOUHU_SCAN_DB_HOSTS" in _refusal(officer, url)


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://u:pw@localhost/crm",
        "postgresql://u:pw@127.0.0.1/crm",
        "postgresql://u:pw@127.0.0.2/crm",
        "postgresql://u:pw@[::1]:5432/crm",
        "postgresql://u:pw@[::ffff:127.0.0.1]/crm",
        "postgresql://u:pw@169.254.169.254/crm",
        "postgresql://u:pw@[fd00:ec2::254]/crm",
        "postgresql://u:pw@0.0.0.0/crm",
    ],
)
def test_officer_cannot_scan_local_or_metadata_addresses_even_when_listed(officer: User, url: str) -> None:
    assert "只有系統管理員" in _refusal(officer, url)


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://u:pw@db.example/crm?host=/var/run/postgresql",
        "postgresql://u:pw@db.example/crm?hostaddr=127.0.0.1",
        "mysql+pymysql://u:pw@db.example/crm?unix_socket=/run/mysqld/mysqld.sock",
        "postgresql://u:pw@db.example/crm?sslrootcert=/etc/shouhu/secret.key",
        "postgresql://u:pw@db.example/crm?options=-c%20default_transaction_read_only%3Doff",
        "postgresql:///crm?user=u",
    ],
)
def test_officer_cannot_use_sockets_host_overrides_or_file_options(officer: User, url: str) -> None:
    message = _refusal(officer, url)
    assert message.startswith(("只有系統管理員", "請在連線網址中填寫主機"))


@pytest.mark.parametrize(
    "option", ["local_infile=1", "LOCAL_INFILE=1", "allow_local_infile=true", "init_command=DROP%20TABLE%20x"]
)
def test_dangerous_driver_options_are_refused_even_for_administrators(admin: User, option: str) -> None:
    assert "不允許" in _refusal(admin, f"mysql+pymysql://u:pw@db.example/crm?{option}")


def test_administrator_may_scan_any_host_and_local_socket(admin: User) -> None:
    assert _create(admin, "postgresql://u:pw@127.0.0.1:5432/crm?host=/var/run/postgresql").pk


def test_with_the_default_empty_list_only_administrators_set_hosts(officer: User, settings: Any) -> None:
    settings.SHOUHU_SCAN_DB_HOSTS = []
    assert "SHOUHU_SCAN_DB_HOSTS" in _refusal(officer, "postgresql://u:pw@db.example/crm")


def test_refusal_never_repeats_the_password(officer: User) -> None:
    assert "Sup3r" not in _refusal(officer, "postgresql://u:Sup3r@db.other.example/crm?password=Sup3r")


# Host names are resolved. The C library reads these numeric names itself, with no DNS server:
# 2130706433 and 0x7f000001 are 127.0.0.1, 2852039166 is 169.254.169.254, 169083652 is 10.20.3.4.
@pytest.mark.parametrize("name", ["2130706433", "0x7f000001", "127.1", "2852039166"])
def test_a_listed_name_that_resolves_to_a_local_or_metadata_address_is_refused(
    officer: User, settings: Any, name: str
) -> None:
    settings.SHOUHU_SCAN_DB_HOSTS = [name]
    assert "本機、內部連結或雲端中繼資料" in _refusal(officer, f"postgresql://u:pw@{name}/crm")


def test_a_name_whose_every_address_lies_in_a_listed_network_is_allowed(officer: User) -> None:
    assert _create(officer, "postgresql://u:pw@169083652/crm").pk


def test_the_scan_connects_to_the_address_it_checked(officer: User) -> None:
    from shouhu.scans.validation import connect_url

    pinned = connect_url("postgresql://u:pw@169083652:5432/crm?sslmode=require")
    assert "hostaddr=10.20.3.4" in pinned
    assert "@169083652:5432/crm" in pinned  # the name stays for TLS and authentication
    mysql = connect_url("mysql+pymysql://u:pw@169083652/crm")
    assert "hostaddr=10.20.3.4" in mysql  # the scan engine opens the socket to the checked address
    assert "@169083652/crm" in mysql  # and pymysql verifies the name in TLS
    assert "10.20.3.4" in connect_url("mysql+mysqldb://u:pw@169083652/crm").split("@", 1)[1]  # other drivers


def test_the_host_is_checked_again_when_the_scan_connects(
    officer: User, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    source = _create(officer, "postgresql://u:pw@169083652/crm?connect_timeout=1")
    settings.SHOUHU_SCAN_DB_HOSTS = ["db.example"]  # the network is taken off the list after saving
    with django_capture_on_commit_callbacks(execute=True):
        run = services.start_run(actor=officer, source=source)
    run.refresh_from_db()
    assert run.status == "failed"
    assert "SHOUHU_SCAN_DB_HOSTS" in run.error


def test_an_administrators_target_is_not_narrowed_on_connect(admin: User) -> None:
    source = _create(admin, "postgresql://u:pw@127.0.0.1:5432/crm")
    assert source.url_set_by_admin
