"""Signing in with a wrong password: the GOV.UK error pattern, and nothing typed is lost."""

import pytest

from tests.browser.conftest import assert_accessible

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
