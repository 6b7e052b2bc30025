import io
import subprocess
import sys

import pytest
from django.core.management import call_command, get_commands, load_command_class
from django.core.management.base import CommandError

from shouhu.cli import COMMANDS


@pytest.mark.parametrize(("name", "_"), COMMANDS)
def test_every_listed_command_exists_and_has_help(name, _):
    commands = get_commands()
    if name not in commands:
        pytest.fail(f"shouhu {name} is listed in --help but not implemented")
    command = load_command_class(commands[name], name)
    assert command.help.strip()


def test_top_level_help_lists_commands():
    out = subprocess.run(
        [sys.executable, "-m", "shouhu.cli", "--help"], capture_output=True, text=True, check=True
    )
    assert "createadmin" in out.stdout
    assert "個資保護" in out.stdout


@pytest.mark.django_db
def test_createadmin_from_environment_password(monkeypatch):
    from shouhu.accounts.models import User
    from shouhu.accounts.permissions import user_roles

    monkeypatch.setenv("SHOUHU_ADMIN_PASSWORD", "Adm1n-Passw0rd!")
    call_command("createadmin", username="boss", email="boss@example.com", stdout=io.StringIO())
    user = User.objects.get(username="boss")
    assert user.check_password("Adm1n-Passw0rd!")
    assert "admin" in user_roles(user)


@pytest.mark.django_db
def test_createadmin_with_weak_password_fails_with_the_rule(monkeypatch):
    monkeypatch.setenv("SHOUHU_ADMIN_PASSWORD", "short")
    with pytest.raises(CommandError, match="12"):
        call_command("createadmin", username="boss", email="boss@example.com")


@pytest.mark.django_db
def test_demo_loads_a_living_organisation():
    from shouhu.organization.models import Client, Designation, Person

    call_command("demo", stdout=io.StringIO())
    assert Person.objects.count() == 13
    assert Client.objects.count() == 4
    assert Designation.objects.count() == 2


@pytest.mark.django_db
def test_demo_refuses_a_non_empty_organisation():
    call_command("demo", stdout=io.StringIO())
    with pytest.raises(CommandError):
        call_command("demo")


@pytest.mark.django_db
def test_token_create_prints_a_usable_token(make_user):
    from shouhu.accounts.services.tokens import authenticate_token

    user = make_user("staff")
    out = io.StringIO()
    call_command("token", "create", "--user", user.username, stdout=out, stderr=io.StringIO())
    assert authenticate_token(out.getvalue().strip()) == user


@pytest.mark.django_db
def test_check_reports_debug_and_insecure_cookies_in_production(settings):
    from shouhu.shell.checks import configuration_problems

    settings.PRODUCTION = True
    settings.DEBUG = True
    settings.SESSION_COOKIE_SECURE = False
    messages = " ".join(p.message for p in configuration_problems())
    assert "DEBUG" in messages
    assert "HTTPS" in messages


@pytest.mark.django_db
def test_check_reports_a_weak_secret_key(settings):
    from shouhu.shell.checks import configuration_problems

    settings.SECRET_KEY = "changeme"
    assert any("SECRET_KEY" in p.message for p in configuration_problems())


def test_production_without_secret_key_refuses_to_start(tmp_path):
    env = {"SHOUHU_ENV": "production", "SHOUHU_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    out = subprocess.run(
        [sys.executable, "-c", "import shouhu.config.settings"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert out.returncode != 0
    assert "SHOUHU_SECRET_KEY" in out.stderr


def test_secret_key_file_is_created_with_mode_0600(tmp_path, monkeypatch):
    import os
    import stat

    from shouhu.core.home import read_or_create_secret

    monkeypatch.setenv("SHOUHU_HOME", str(tmp_path))
    read_or_create_secret("test-key")
    mode = stat.S_IMODE(os.stat(tmp_path / "keys" / "test-key").st_mode)
    assert mode == 0o600


def test_production_refuses_weak_keys_and_no_hosts_one_line_each(tmp_path):
    env = {
        "SHOUHU_ENV": "production",
        "SHOUHU_HOME": str(tmp_path),
        "SHOUHU_SECRET_KEY": "x",
        "SHOUHU_FIELD_KEY": "changeme",
        "PATH": "/usr/bin:/bin",
    }
    out = subprocess.run(
        [sys.executable, "-m", "shouhu.cli", "check"], capture_output=True, text=True, env=env, check=False
    )
    assert out.returncode == 1
    assert "Traceback" not in out.stderr
    lines = out.stderr.strip().splitlines()
    assert [line.split("：")[0] for line in lines[1:]] == [
        "SHOUHU_SECRET_KEY 太弱",
        "SHOUHU_FIELD_KEY 太弱",
        "SHOUHU_ALLOWED_HOSTS 未設定",
    ]


def test_production_starts_with_strong_keys_and_hosts(tmp_path):
    import secrets

    env = {
        "SHOUHU_ENV": "production",
        "SHOUHU_HOME": str(tmp_path),
        "SHOUHU_SECRET_KEY": secrets.token_urlsafe(50),
        "SHOUHU_FIELD_KEY": secrets.token_urlsafe(32),
        "SHOUHU_ALLOWED_HOSTS": "shouhu.example.com",
        "PATH": "/usr/bin:/bin",
    }
    out = subprocess.run(
        [sys.executable, "-c", "import shouhu.config.settings"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert out.returncode == 0, out.stderr


@pytest.mark.django_db
def test_check_reports_a_weak_field_key(settings):
    from shouhu.shell.checks import configuration_problems

    settings.SHOUHU_FIELD_KEY = "short"
    assert any("SHOUHU_FIELD_KEY" in p.message and p.level == "error" for p in configuration_problems())


@pytest.mark.django_db
def test_check_warns_when_base_url_is_unset(settings):
    from shouhu.shell.checks import configuration_problems

    settings.SHOUHU_BASE_URL = ""
    assert any("SHOUHU_BASE_URL" in p.message and p.level == "warning" for p in configuration_problems())
