import pyotp
import pytest

from shouhu.accounts.models import TOTPDevice
from shouhu.accounts.services import mfa
from shouhu.core import crypto

pytestmark = pytest.mark.django_db


def login(client, user, password):
    return client.post("/accounts/login/", {"username": user.username, "password": password})


@pytest.mark.parametrize("role", ["admin", "pd_chief", "is_chief"])
def test_roles_that_require_mfa_are_sent_to_enrolment(client, make_user, password, role):
    user = make_user(role)
    login(client, user, password)
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/mfa/"


@pytest.mark.parametrize("role", ["pd_officer", "auditor", "staff"])
def test_other_roles_may_use_the_app_without_mfa(client, make_user, password, role):
    user = make_user(role)
    login(client, user, password)
    response = client.get("/", follow=True)
    assert response.status_code == 200
    assert response.wsgi_request.user == user
    assert all("/accounts/mfa/" not in url for url, _ in response.redirect_chain)


def test_mfa_for_everyone_setting_sends_staff_to_enrolment(client, make_user, password, settings):
    settings.SHOUHU_MFA_REQUIRED_FOR_ALL = True
    user = make_user("staff")
    login(client, user, password)
    assert client.get("/")["Location"] == "/accounts/mfa/"


def test_enrolment_confirms_with_a_valid_code_and_returns_ten_recovery_codes(make_user):
    user = make_user("admin")
    enrolment = mfa.start_enrolment(user=user)
    codes = mfa.confirm_enrolment(user=user, code=pyotp.TOTP(enrolment.secret).now())
    assert len(codes) == 10
    assert mfa.has_confirmed_device(user)
    assert "<svg" in enrolment.qr_svg


def test_totp_secret_is_stored_encrypted(make_user):
    user = make_user("admin")
    enrolment = mfa.start_enrolment(user=user)
    stored = TOTPDevice.objects.get(user=user).secret_encrypted
    assert enrolment.secret not in stored
    assert crypto.decrypt(stored) == enrolment.secret


def test_wrong_code_does_not_confirm(make_user):
    user = make_user("admin")
    mfa.start_enrolment(user=user)
    with pytest.raises(mfa.MfaError):
        mfa.confirm_enrolment(user=user, code="000000")
    assert not mfa.has_confirmed_device(user)


def test_a_totp_code_is_accepted_only_once(make_user):
    user = make_user("admin")
    enrolment = mfa.start_enrolment(user=user)
    totp = pyotp.TOTP(enrolment.secret)
    mfa.confirm_enrolment(user=user, code=totp.now())
    assert mfa.verify(user=user, code=totp.now()) is False


def test_recovery_code_works_once(make_user):
    user = make_user("admin")
    enrolment = mfa.start_enrolment(user=user)
    codes = mfa.confirm_enrolment(user=user, code=pyotp.TOTP(enrolment.secret).now())
    assert mfa.verify(user=user, code=codes[0]) is True
    assert mfa.verify(user=user, code=codes[0]) is False


def test_login_with_device_requires_second_step(client, make_user, password):
    user = make_user("admin")
    enrolment = mfa.start_enrolment(user=user)
    mfa.confirm_enrolment(user=user, code=pyotp.TOTP(enrolment.secret).now())
    response = login(client, user, password)
    assert response["Location"] == "/accounts/login/mfa/"
    assert client.get("/").status_code == 302  # not signed in yet


def test_user_whose_role_requires_mfa_cannot_disable_it(make_user):
    user = make_user("admin")
    enrolment = mfa.start_enrolment(user=user)
    mfa.confirm_enrolment(user=user, code=pyotp.TOTP(enrolment.secret).now())
    with pytest.raises(mfa.MfaError):
        mfa.disable(actor=user, user=user)
