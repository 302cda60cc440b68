"""A new community group applies for a #WeStandTogether grant as a person would: it finds the round,
signs in from the link emailed to it, answers some pages, leaves, comes back another time from a new
email link, finds its answers kept, and sends the application. axe-core checks every page.

The live server runs in the test process, so the emails it sends are in Django's test outbox."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect

from commonground.grants.models import ApplicationStatus, GrantApplication
from tests.browser.conftest import assert_accessible
from tests.grants.helpers import make_round

pytestmark = pytest.mark.browser

LINK = re.compile(r"https?://[^\s]+/grants/sign-in/link/[^\s/]+/")
EMAIL = "hello@breightmet-friends.example"


@pytest.fixture
def grants_site(site_data, settings):
    from commonground.core.actions.places import import_postcodes

    import_postcodes(actor=None, path=settings.DEFAULT_PLACES_DIR / "postcodes_sample.csv")
    return make_round(slug="together-2027", questions=1)


def _checked(page: Page) -> Page:
    assert_accessible(page)
    return page


def _sign_in_from_email(page: Page) -> None:
    mail.outbox.clear()
    page.get_by_label("What is your email address?").fill(EMAIL)
    page.get_by_role("button", name="Email me a link").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    _checked(page)
    [message] = [m for m in mail.outbox if m.to == [EMAIL]]
    page.goto(LINK.search(message.body).group(0))
    _checked(page)
    page.get_by_role("button", name="Sign in").click()


def _continue(page: Page) -> None:
    page.get_by_role("button", name="Save and continue").click()


def test_a_new_group_applies_and_comes_back_from_a_new_email_link(page: Page, grants_site, new_context):
    grant_round = grants_site
    page.goto("/grants/")
    _checked(page)
    page.get_by_role("link", name=grant_round.name).click()
    _checked(page)
    page.get_by_role("button", name="Start now").click()  # a link styled as a button
    _checked(page)  # the sign-in page
    _sign_in_from_email(page)
    expect(page.get_by_role("heading", name="Before you start")).to_be_visible()
    _checked(page)
    page.get_by_role("button", name="Start your application").click()

    # The organisation: a charity number that is not one, then a good one.
    page.get_by_label("What is your organisation called?").fill("Breightmet Friends")
    page.get_by_label("Registered charity", exact=True).check()
    page.get_by_label("Registered charity number (if you have one)").fill("12ab")
    _continue(page)
    expect(
        page.get_by_role("link", name="A charity number is 6 to 8 digits, for example 1234567")
    ).to_be_visible()
    _checked(page)
    expect(page.get_by_label("What is your organisation called?")).to_have_value("Breightmet Friends")
    page.get_by_label("Registered charity number (if you have one)").fill("1234567")
    _continue(page)

    page.get_by_label("What is your organisation's address?").fill("1 High Street, Bolton")
    page.get_by_label("Postcode").fill("BL2 6PN")
    _checked(page)
    _continue(page)

    page.get_by_label("What is the event called?").fill("Street Feast")
    page.get_by_label("What will happen at the event?").fill("A shared meal in Breightmet Park.")
    _checked(page)
    _continue(page)
    expect(page.get_by_role("heading", name="When and where")).to_be_visible()

    # The group stops here and signs out; another day, in another browser, it signs in again.
    page.get_by_role("link", name="Save and come back later").click()
    _checked(page)
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="You have signed out")).to_be_visible()
    _checked(page)

    later = new_context().new_page()
    later.goto("/grants/sign-in/")
    _sign_in_from_email(later)
    expect(later.get_by_role("heading", name="Your applications")).to_be_visible()
    _checked(later)
    later.get_by_role("link", name="Continue your application").click()
    expect(later.get_by_role("heading", name="When and where")).to_be_visible()
    later.get_by_role("link", name="Back", exact=True).click()
    expect(later.get_by_label("What is the event called?")).to_have_value("Street Feast")
    _continue(later)

    day = (timezone.localdate() + timedelta(days=40)).strftime("%d/%m/%Y")
    later.get_by_label("What day does the event start?").fill(day)
    later.get_by_label("What time does it start?").fill("12:00")
    later.get_by_label("What day does it end?").fill(day)
    later.get_by_label("What time does it end?").fill("11:00")
    later.get_by_label("Where will it happen?").fill("Breightmet Park")
    _continue(later)
    expect(later.get_by_role("link", name="The event must end after it starts")).to_be_visible()
    _checked(later)
    later.get_by_label("What time does it end?").fill("16:00")
    _continue(later)

    later.get_by_label("Who will the event bring together, and how?").fill(
        "Older residents and new arrivals."
    )
    later.get_by_label("How many people do you expect?").fill("120")
    later.get_by_label("How will you make the event accessible?").fill("Step-free, with a quiet tent.")
    _checked(later)
    _continue(later)

    later.get_by_role("textbox").first.fill("Door knocking with the mosque and the church.")
    _checked(later)
    _continue(later)

    later.get_by_label("Item 1", exact=True).fill("Food")
    later.get_by_label("Cost of item 1, in £").fill("600")
    later.get_by_label("Item 2", exact=True).fill("Marquee hire")
    later.get_by_label("Cost of item 2, in £").fill("400")
    later.get_by_label("Total amount you are asking for, in £").fill("1200")
    _continue(later)
    expect(later.get_by_role("link", name=re.compile("The items add up to £1,000.00"))).to_be_visible()
    _checked(later)
    later.get_by_label("Total amount you are asking for, in £").fill("1000")
    _continue(later)

    later.get_by_label("I confirm that the information in this application is true and complete").check()
    _checked(later)
    _continue(later)

    expect(
        later.get_by_role("heading", name="Check your answers before sending your application")
    ).to_be_visible()
    _checked(later)
    mail.outbox.clear()
    later.get_by_role("button", name="Send application").click()
    expect(later.get_by_role("heading", name="Application sent")).to_be_visible()
    _checked(later)
    application = GrantApplication.objects.get(applicant__email=EMAIL)
    assert application.status == ApplicationStatus.SUBMITTED
    expect(later.get_by_text(application.reference)).to_be_visible()
    assert [m for m in mail.outbox if m.to == [EMAIL] and application.reference in m.body]

    later.get_by_role("link", name="Go to your applications").click()
    _checked(later)
    later.get_by_role("link", name=re.compile("See the application")).click()
    expect(later.get_by_text("Received: waiting to be checked")).to_be_visible()
    _checked(later)
