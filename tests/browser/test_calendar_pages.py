"""The #WeStandTogether calendar in a browser on a 375px phone: the public list, a filter with a
value not on the list, the archive and an event's page in English, Urdu and Polish; then the staff
list, an event's page and the add form sent empty. No accessibility violations, nothing wider than
the screen."""

import pytest

from commonground.calendar import demo
from commonground.calendar.models import Event
from tests.browser.conftest import assert_accessible, assert_page_is_sound, open_page, sign_in

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}


def _fits(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width}px wide on a 375px screen"


@pytest.fixture
def calendar_site(site_data):
    demo.load_demo_records()
    return Event.objects.public().filter(status="published").order_by("starts_at").last()


@pytest.mark.parametrize("language", ["en", "ur", "pl"])
def test_the_public_calendar_fits_a_phone_in_every_language(new_context, calendar_site, language):
    page = new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    page.goto(f"/language/{language}/?next=/events/")
    for path in (
        "/events/",
        "/events/?borough=nowhere&kind=rave",
        "/events/past/",
        f"/events/{calendar_site.uid}/",
    ):
        visit = open_page(page, path)
        assert_page_is_sound(page, visit)
        _fits(page)


def test_the_staff_pages_of_the_calendar(new_context, calendar_site):
    page = new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    sign_in(page, "programme")
    for path in (
        "/staff/events/",
        "/staff/events/?show=drafts",
        f"/staff/events/{calendar_site.pk}/",
        "/staff/events/new/",
    ):
        visit = open_page(page, path)
        assert_page_is_sound(page, visit)
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state("load")
    assert page.title().startswith("Error:")
    assert page.locator(".govuk-error-summary").count() == 1
    assert_accessible(page)
    _fits(page)
