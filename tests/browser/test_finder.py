"""The reporting centre finder on a 375px phone, with JavaScript on and off: a postcode search lists
the nearest centre first with its distance, the list and the map both show, the centre's page opens;
a mistyped postcode gets its message and the list of boroughs. Nothing is wider than the screen, and
with JavaScript on axe finds nothing on any page (axe itself needs JavaScript)."""

import re
from datetime import time

import pytest
from django.conf import settings

from commonground.core.actions.places import load_places
from commonground.directory.models import Language
from tests.browser.conftest import assert_accessible, open_page
from tests.directory import finder_world as world

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}


@pytest.fixture
def finder_site(live_server, transactional_db):
    """The places, a postcode and three reporting centres (one hidden), made by this test."""
    load_places(actor=None, folder=settings.DEFAULT_PLACES_DIR)
    for code, name in (("ur", "Urdu"), ("pl", "Polish")):
        Language.objects.get_or_create(code=code, defaults={"name": name})
    world.postcode(*world.SEARCHED)
    everyday = [(day, time(0), time(23, 59)) for day in range(7)]
    return {
        "near": world.entry("Town Hall Centre", 53.5785, -2.4295, hours=everyday, step_free_access=True),
        "far": world.entry("Bury Library Centre", 53.593, -2.297, borough_code=world.BURY, hours=everyday),
        "hidden": world.entry("Hidden Centre", 53.5781, -2.4291, result="does_not_meet"),
    }


def _fits(page) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px on a 375px screen"


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript-on", "javascript-off"])
def test_find_the_nearest_reporting_centre_on_a_phone(new_context, finder_site, javascript):
    page = new_context(
        viewport=PHONE, is_mobile=True, has_touch=True, java_script_enabled=javascript
    ).new_page()

    def check(visit=None):
        if visit is not None:
            assert visit.status == 200 and not visit.problems, (visit.url, visit.status, visit.problems)
        _fits(page)
        if javascript:
            assert_accessible(page)

    # From the report line's start page to the finder.
    check(open_page(page, "/report/hate-incident/"))
    page.get_by_role("link", name="Report in person at a hate crime reporting centre near you").click()
    page.wait_for_url("**/find/reporting-centres/")
    check()

    page.get_by_label("Postcode").fill("bl1 1ru")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/find/reporting-centres/?*")
    check()
    main = page.locator("main")
    assert "2 places found near BL1 1RU, nearest first" in main.inner_text()
    results = page.locator("main .cg-finder-result")
    assert results.count() == 2
    first = results.nth(0).inner_text()
    assert first.startswith("1. Town Hall Centre") and re.search(r"\d+\.\d miles away", first)
    assert results.nth(1).inner_text().startswith("2. Bury Library Centre")
    assert "Hidden Centre" not in main.inner_text()
    # The map: numbered markers, number 1 linking to the same place as the list's first.
    svg = page.locator("main svg.cg-chart")
    assert svg.is_visible()
    box = svg.bounding_box()
    assert box is not None and box["width"] <= PHONE["width"]
    marker = page.locator('main svg a[aria-label^="1. Town Hall Centre"]')
    assert marker.count() == 1
    assert marker.get_attribute("href") == f"/find/reporting-centres/{finder_site['near'].pk}/"

    results.nth(0).get_by_role("link", name="Town Hall Centre").click()
    page.wait_for_url(f"**/find/reporting-centres/{finder_site['near'].pk}/")
    check()
    assert page.get_by_role("heading", level=1).inner_text() == "Town Hall Centre"
    assert page.get_by_role("table").filter(has_text="Opening hours").count() == 1
    assert "Step-free access" in page.locator("main").inner_text()

    # A mistyped postcode: the message, what was typed kept, and the boroughs offered.
    page.goto("/find/reporting-centres/")
    page.get_by_label("Postcode").fill("BL1 1R")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/find/reporting-centres/?*")
    check()
    assert page.title().startswith("Error:")
    assert page.locator(".govuk-error-summary").inner_text().count("Enter a full UK postcode") == 1
    assert page.get_by_label("Postcode").input_value() == "BL1 1R"
    boroughs = page.locator("main .cg-borough-list a")
    assert boroughs.count() == 10
    boroughs.filter(has_text="Bury").click()
    page.wait_for_url("**/find/reporting-centres/?borough=E08000002")
    check()
    assert "1 place found in Bury" in page.locator("main").inner_text()

    # A place hidden from the public is not found.
    assert open_page(page, f"/find/reporting-centres/{finder_site['hidden'].pk}/").status == 404
