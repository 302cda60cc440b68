"""The public pages people reach first, on a 375px phone, in English, Urdu and Polish: the start page,
the advice list and every advice page, the check-answers page of the hate incident journey, and the
"page not found" page. No accessibility violations, and nothing wider than the screen."""

import importlib
from urllib.parse import urlsplit

import pytest
from django.apps import apps

from tests.browser.conftest import assert_accessible, assert_page_is_sound, open_page, same_origin_links
from tests.browser.test_report_journeys import report_site as report_site

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}
# The Urdu and Polish advice pages are seeded by a migration; the flush after each browser test empties them.
ADVICE_TRANSLATIONS = importlib.import_module(
    "commonground.reports.migrations.0008_advice_pages_in_urdu_and_polish"
)


def _fits(page, language: str) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} in {language} is {width}px wide on a 375px screen"


@pytest.mark.parametrize("language", ["en", "ur", "pl"])
def test_start_advice_check_answers_and_not_found_fit_a_phone_in_every_language(
    new_context, report_site, language
):
    ADVICE_TRANSLATIONS.add_translations(apps, None)
    page = new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    page.goto(f"/language/{language}/?next=/")
    assert page.locator("html").get_attribute("lang") == language

    advice_pages = []
    for path in ("/", "/report/hate-incident/", "/advice/"):
        visit = open_page(page, path)
        assert_page_is_sound(page, visit)
        _fits(page, language)
        if path == "/advice/":
            advice_pages = [
                link
                for link in same_origin_links(page, page.url)
                if urlsplit(link).path.startswith("/advice/")
            ]
            advice_pages = [link for link in advice_pages if urlsplit(link).path != "/advice/"]
    assert advice_pages, f"the advice list in {language} links to no advice page"
    for link in advice_pages:
        visit = open_page(page, link)
        assert_page_is_sound(page, visit)
        _fits(page, language)

    # The check-answers page, reached through the hate incident journey (the shortest answers).
    page.goto("/report/hate-incident/")
    page.locator("main form button, main a.govuk-button--start").first.click()
    for _ in range(20):  # a question a page
        if page.locator("main .govuk-summary-list").count():
            break
        radios = page.locator("main input[type=radio]")
        boxes = page.locator("main input[type=checkbox]")
        if radios.count():
            radios.first.check()
        elif boxes.count():
            boxes.first.check()  # why it happened (one is needed); sharing: any choice will do
        textarea = page.locator("main textarea")
        if textarea.count():
            textarea.first.fill("Shouted at about my religion outside the library.")
        select = page.locator("main select")
        if select.count():
            select.first.select_option(index=1)
        page.locator("main form button.govuk-button").first.click()
        page.wait_for_load_state("load")
    assert page.locator("main .govuk-summary-list").count(), f"never reached check answers in {language}"
    assert_accessible(page)
    _fits(page, language)

    visit = open_page(page, "/no-such-page/")
    assert visit.status == 404
    assert page.locator("h1").count() == 1
    assert page.locator("html").get_attribute("lang") == language
    assert_accessible(page)
    _fits(page, language)
