import datetime as dt

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import timezone

from shouhu.accounts.services.passwords import password_expired, set_password


def messages_for(password, user=None):
    with pytest.raises(ValidationError) as exc:
        validate_password(password, user)
    return " ".join(exc.value.messages)


def test_password_shorter_than_12_is_refused_with_the_length_rule():
    assert "至少 12 個字元" in messages_for("Ab1!ab1!ab1")


def test_password_with_two_character_classes_names_the_missing_classes():
    message = messages_for("abcdefghijk123")
    assert "至少 3 類" in message
    assert "大寫英文字母" in message
    assert "特殊符號" in message


def test_password_with_three_classes_and_12_chars_is_accepted():
    assert validate_password("abcdefghiJK1") is None  # Django's API: None means every validator passed


@pytest.mark.django_db
def test_password_equal_to_one_of_last_three_is_refused(make_user):
    user = make_user()
    for pw in ("First-Passw0rd", "Second-Passw0rd", "Third-Passw0rd"):
        set_password(actor=user, user=user, password=pw)
    assert "最近 3 次" in messages_for("First-Passw0rd", user)


@pytest.mark.django_db
def test_password_used_four_changes_ago_is_allowed_again(make_user):
    user = make_user()
    for pw in ("First-Passw0rd", "Second-Passw0rd", "Third-Passw0rd", "Fourth-Passw0rd"):
        set_password(actor=user, user=user, password=pw)
    assert validate_password("First-Passw0rd", user) is None


@pytest.mark.django_db
def test_password_expires_after_90_days(make_user):
    user = make_user()
    now = timezone.now()
    user.password_changed_at = now - dt.timedelta(days=90)
    assert password_expired(user, now=now) is False
    user.password_changed_at = now - dt.timedelta(days=90, seconds=1)
    assert password_expired(user, now=now) is True


@pytest.mark.django_db
def test_password_max_age_is_configurable(make_user, settings):
    settings.SHOUHU_PASSWORD_MAX_AGE_DAYS = 30
    user = make_user()
    user.password_changed_at = timezone.now() - dt.timedelta(days=31)
    assert password_expired(user) is True


@pytest.mark.django_db
def test_set_password_writes_an_audit_row_without_the_password(make_user):
    from shouhu.audit.models import AuditEvent

    user = make_user()
    set_password(actor=user, user=user, password="Brand-new-Passw0rd")
    event = AuditEvent.objects.filter(action="auth.password_changed").get()
    assert "Brand-new" not in str(event.changes)


def test_production_settings_hash_with_argon2_first():
    import importlib

    base = importlib.import_module("shouhu.config.settings")
    assert base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


@pytest.mark.django_db
def test_argon2_hasher_produces_argon2_hashes(make_user, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    user = make_user()
    set_password(actor=user, user=user, password="Argon-Hashed-Passw0rd")
    user.refresh_from_db()
    assert user.password.startswith("argon2$")
