"""Signing in with a wrong password: the GOV.UK error pattern, and nothing typed is lost. Setting
up an authenticator, with recovery codes shown once."""

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from commonground.core.roles import Role
from tests.browser.conftest import assert_accessible
from tests.factories import BOLTON, staff

pytestmark = pytest.mark.browser


def test_wrong_password_shows_the_error_summary_and_keeps_the_username(page, site_data):
    page.goto("/sign-in/")
    assert not page.title().startswith("Error:")
    page.get_by_label("Username").fill("coordinator")
    page.get_by_label("Password").fill("not-the-right-password")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state("load")

    summary = page.locator(".govuk-error-summary")
    assert summary.get_by_role("heading", name="There is a problem").is_visible()
    assert "username or password is not right" in summary.inner_text()
    # GOV.UK Frontend moves focus to the summary so screen readers announce it.
    page.wait_for_function("document.activeElement && document.activeElement.matches('.govuk-error-summary')")
    assert page.title().startswith("Error: ")
    assert page.get_by_label("Username").input_value() == "coordinator"
    assert page.get_by_label("Password").input_value() == ""
    assert "/sign-in/" in page.url
    assert_accessible(page)


def test_setting_up_an_authenticator_shows_recovery_codes_once_then_one_signs_in(page, site_data):
    user = staff(Role.DATA_PROTECTION_OFFICER, BOLTON)
    page.goto("/sign-in/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/two-factor/set-up/**")
    assert page.get_by_role("img", name="QR code to scan with your authenticator app").is_visible()
    assert_accessible(page)

    device = TOTPDevice.objects.get(user=user, confirmed=False)
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    page.get_by_label("Code from your authenticator app").fill(f"{code:06d}")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/two-factor/recovery-codes/**")
    assert page.get_by_role("heading", level=1).inner_text() == "Your recovery codes"
    codes = page.locator(".cg-recovery-code").all_inner_texts()
    assert len(codes) == 10
    assert_accessible(page)

    page.reload()
    assert page.locator(".cg-recovery-code").count() == 0  # shown once
    page.get_by_role("link", name="Continue").click()
    page.wait_for_url("**/staff/")
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/signed-out/")

    # Without the phone: a recovery code instead of the app's code.
    page.goto("/sign-in/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/two-factor/**")
    page.get_by_label("Code from your authenticator app").fill(codes[0])
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/staff/")
    assert "signed in with a recovery code" in page.content()
