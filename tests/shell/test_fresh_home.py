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


@pytest.fixture
def migrating_elsewhere(fresh_home):
    """Another shouhu process holding the migration lock, as the first `shouhu serve` does while migrating."""
    import subprocess
    import sys

    from tests.processes import ROOT

    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time\n"
         "from shouhu.core.fresh import migration_lock\n"
         "with migration_lock() as held:\n"
         "    print(held, flush=True)\n"
         "    time.sleep(120)\n"],
        env=process_env(fresh_home), cwd=ROOT, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "True"
        yield fresh_home
    finally:
        holder.kill()
        holder.wait()


def test_demo_while_serve_is_still_migrating_says_so_in_one_line(migrating_elsewhere):
    out = shouhu(migrating_elsewhere, "demo", check=False)

    assert out.returncode == 1
    assert out.stderr.strip().splitlines() == [
        "資料庫遷移進行中（另一個 shouhu 程序正在套用，例如第一次啟動的 shouhu serve）：請待其完成後再執行。"
        " / Database migrations in progress in another shouhu process: run this again when they have finished."
    ]


def test_serve_does_not_migrate_while_another_process_migrates(migrating_elsewhere):
    out = shouhu(migrating_elsewhere, "serve", "--port", "1", check=False)

    assert out.returncode == 1
    assert "資料庫遷移進行中" in out.stderr
    assert "Traceback" not in out.stderr


def test_commands_on_a_half_migrated_home_say_migrations_are_incomplete(fresh_home):
    shouhu(fresh_home, "manage", "migrate", "contenttypes", check=True)

    out = shouhu(fresh_home, "backup", check=False)

    assert out.returncode == 1
    assert out.stderr.strip().splitlines() == [
        "資料庫遷移未完成：請先執行 shouhu serve（或 shouhu manage migrate）完成遷移。"
        " / Database migrations incomplete: finish them with `shouhu serve` first."
    ]


def test_demo_after_the_other_process_finished_migrating_runs(fresh_home):
    lock = fresh_home / "migrate.lock"
    lock.touch()  # a lock file left behind by a finished (or killed) migration holds nothing

    out = shouhu(fresh_home, "demo", check=False)

    assert out.returncode == 0, out.stderr
    assert "已載入示範公司" in out.stdout
