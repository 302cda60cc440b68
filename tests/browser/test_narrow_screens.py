"""The public statistics and the API reference on a 375px phone, in every language: no accessibility
violations, and wide tables scroll inside their own region rather than the whole page."""

import pytest

from tests.browser.conftest import assert_page_is_sound, open_page
from tests.browser.test_statistics_pages import published  # noqa: F401 (a fixture)
from tests.insights import editions_data as data

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}


@pytest.mark.parametrize("language", ["en", "ur", "pl"])
def test_statistics_and_api_reference_fit_a_phone_in_every_language(new_context, published, language):  # noqa: F811
    page = new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    page.goto(f"/language/{language}/?next=/")
    assert page.locator("html").get_attribute("lang") == language
    for path in (
        "/statistics/",
        f"/statistics/{data.QUARTER_SLUG}/revision-1/",
        "/statistics/archive/",
        "/statistics/methodology/",
        "/api/v1/docs",
    ):
        visit = open_page(page, path)
        assert_page_is_sound(page, visit)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, f"{path} in {language} is {width}px wide on a 375px screen"
        assert "{#" not in page.content() and "#}" not in page.locator("body").inner_text()
    # Every data table on the edition sits in a focusable, labelled scrolling region.
    open_page(page, f"/statistics/{data.QUARTER_SLUG}/revision-1/")
    tables = page.locator("main table.govuk-table")
    assert tables.count() >= 1
    assert page.locator(
        "main .app-table-container[role=region][tabindex='0'][aria-label] > table"
    ).count() == (tables.count())
