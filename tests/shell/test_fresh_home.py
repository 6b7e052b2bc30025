"""Every command that needs the database works on a fresh SHOUHU_HOME, or says in one line what to run."""

import os
import stat

import pytest

from tests.processes import process_env, shouhu


@pytest.fixture
def fresh_home(tmp_path):
    if os.environ.get("SHOUHU_DATABASE_URL"):
        pytest.skip("a fresh home means a fresh SQLite file; this ran in the SQLite pass")
    home = tmp_path / "fresh"
    home.mkdir()
    return home


def test_createadmin_sets_up_a_fresh_home(fresh_home):
    env = process_env(fresh_home, SHOUHU_ADMIN_PASSWORD="Adm1n-Passw0rd!x")
    out = shouhu(
        fresh_home, "createadmin", "--username", "admin", "--email", "a@example.tw", env=env, check=False
    )
    assert out.returncode == 0, out.stderr
    assert "已建立系統管理員 admin" in out.stdout
    assert "Traceback" not in out.stderr
    # The database holds personal data: the files the shouhu command creates are owner-only.
    assert stat.S_IMODE(os.stat(fresh_home / "shouhu.sqlite3").st_mode) & 0o077 == 0


def test_demo_sets_up_a_fresh_home(fresh_home):
    out = shouhu(fresh_home, "demo", check=False)
    assert out.returncode == 0, out.stderr
    assert "已載入示範公司" in out.stdout
    assert "Traceback" not in out.stderr


@pytest.mark.parametrize(
    "command",
    [["worker", "--batch"], ["audit", "verify"], ["backup"]],
)
def test_other_commands_say_what_to_run_on_a_fresh_home(fresh_home, command):
    out = shouhu(fresh_home, *command, check=False)
    assert out.returncode == 1
    assert out.stderr.strip().splitlines() == [
        "資料庫尚未初始化：請先執行 shouhu serve（或 shouhu manage migrate）。/ Database not set up: run `shouhu serve` first."
    ]
