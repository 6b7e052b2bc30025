"""The foundation in a real browser: MFA enrolment, lockout, forced password change, org records, language."""

import re

import pyotp
import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def test_first_login_of_an_administrator_forces_mfa_enrolment(page, make_user, password):
    user = make_user("admin")
    page.goto("/accounts/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", password)
    page.click("[data-testid=login-submit]")
    page.wait_for_url(re.compile(r"/accounts/mfa/$"))
    assert page.locator(".qr svg").count() == 1
    secret = page.inner_text("[data-testid=totp-secret]").strip()
    page.fill("input[name=code]", pyotp.TOTP(secret).now())
    page.click("[data-testid=mfa-confirm]")
    assert page.locator("[data-testid=recovery-codes] li").count() == 10
    page.click("[data-testid=continue]")
    page.wait_for_url(re.compile(r"/$"))
    assert page.locator("h1").inner_text() == "儀表板"


def test_five_bad_passwords_lock_the_account(page, make_user, password):
    user = make_user("staff")
    for _ in range(5):
        page.goto("/accounts/login/")
        page.fill("input[name=username]", user.username)
        page.fill("input[name=password]", "wrong-password")
        page.click("[data-testid=login-submit]")
    assert "鎖定" in page.inner_text("main")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", password)
    page.click("[data-testid=login-submit]")
    assert "鎖定" in page.inner_text("main")
    assert "/accounts/login/" in page.url


def test_expired_password_must_be_changed_before_anything_else(page, make_user, browser_login, password):
    user = make_user("staff", must_change_password=True)
    browser_login(user)
    page.goto("/organization/")
    assert page.url.endswith("/accounts/password/")
    assert page.locator("[data-testid=password-expired]").is_visible()
    page.fill("input[name=old_password]", password)
    page.fill("input[name=new_password1]", "short")
    page.fill("input[name=new_password2]", "short")
    page.click("[data-testid=password-submit]")
    assert "至少 12 個字元" in page.inner_text("main")
    page.fill("input[name=old_password]", password)
    page.fill("input[name=new_password1]", "Brand-New-Passw0rd")
    page.fill("input[name=new_password2]", "Brand-New-Passw0rd")
    page.click("[data-testid=password-submit]")
    page.wait_for_url(re.compile(r"/$"))
    assert "密碼已變更" in page.inner_text("main")


def test_create_a_department_and_a_person(page, mfa_user, browser_login):
    browser_login(mfa_user("admin"))
    page.goto("/organization/")
    page.click("[data-testid=new-department]")
    page.fill("input[name=name]", "資訊安全部")
    page.click("button[type=submit]")
    assert "部門已新增" in page.inner_text("main")
    page.goto("/organization/people/")
    page.click("[data-testid=new-person]")
    page.fill("input[name=name]", "林小華")
    page.fill("input[name=job_title]", "資安工程師")
    page.select_option("select[name=department]", label="資訊安全部")
    page.click("button[type=submit]")
    assert "已新增人員：林小華" in page.inner_text("main")
    page.goto("/organization/people/")
    assert "林小華" in page.inner_text("#people-rows")


def test_switch_language_to_english_and_back(page, mfa_user, browser_login):
    browser_login(mfa_user("admin"))
    page.click("[data-testid=lang-en]")
    assert page.locator("h1").inner_text() == "Dashboard"
    assert page.locator("html").get_attribute("lang") == "en"
    page.click("[data-testid=lang-zh]")
    assert page.locator("h1").inner_text() == "儀表板"
