"""The pages anyone can open: accessible on a desktop and a small phone, and usable without JavaScript."""

import pytest

from commonground.core.demo import DEMO_PASSWORD
from tests.browser.conftest import assert_page_is_sound, current_code, open_page

pytestmark = pytest.mark.browser

PUBLIC_PAGES = [
    "/",
    "/accessibility/",
    "/privacy/",
    "/cookies/",
    "/sign-in/",
    "/statistics/",
    "/statistics/archive/",
    "/statistics/methodology/",
]
PHONE = {"width": 375, "height": 812}


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "375px"])
def test_public_pages_are_accessible(new_context, site_data, viewport):
    options = {"viewport": viewport, "is_mobile": True, "has_touch": True} if viewport else {}
    page = new_context(**options).new_page()
    for path in PUBLIC_PAGES:
        visit = open_page(page, path)
        assert_page_is_sound(page, visit)
        # GOV.UK Frontend's stylesheet is served and applied.
        font = page.locator(".govuk-body").first.evaluate("element => getComputedStyle(element).fontFamily")
        assert "GDS Transport" in font, f"{path}: the stylesheet did not apply (font is {font})"
        if viewport:
            # WCAG 1.4.10 reflow: nothing makes the reader scroll sideways on a narrow screen.
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at {viewport['width']}px wide"


def test_public_pages_and_sign_in_work_without_javascript(new_context, site_data):
    page = new_context(java_script_enabled=False).new_page()
    for path in PUBLIC_PAGES:
        visit = open_page(page, path)
        assert visit.status == 200, f"{path} answered {visit.status}"
        assert not visit.problems, f"{path}: " + "; ".join(visit.problems)
        assert page.locator("h1").count() == 1, f"{path} has no single <h1>"
        assert "js-enabled" not in (page.locator("body").get_attribute("class") or "")

    # The whole sign-in, second factor included, is plain HTML forms.
    page.goto("/")
    page.get_by_role("link", name="Sign in to the staff area").click()
    page.get_by_label("Username").fill("triage")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/two-factor/**")
    page.get_by_label("Code from your authenticator app").fill(current_code("triage"))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/staff/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Hello, Demo")
    # Signing out is a form too.
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/signed-out/")
    assert page.get_by_role("heading", level=1).inner_text() == "You have signed out"
