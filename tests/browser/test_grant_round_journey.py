"""A #WeStandTogether grant round from application to report, through the pages, as the people
who do each part: a new community group applies, leaves part way and comes back from a second
email link, and sends its application; the grants officer assigns two assessors; one declares a
conflict of interest and is refused the scoring, so the officer asks a third; the two without a
conflict score it; the panel awards it within the round's budget; the officer records a payment;
the group sends its monitoring report; and the funded event is on the public calendar and in its
iCalendar feed (fetched and read back as a calendar). axe-core checks every page on the way.

Every staff sign-in is the real one (password, then authenticator code); the group signs in from
the links emailed to it (the live server runs in this process, so they are in the test outbox)."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from icalendar import Calendar
from playwright.sync_api import Page, expect

from commonground.core.actions.roles import grant_role
from commonground.core.demo import DEMO_PASSWORD
from commonground.core.models import Agency, User
from commonground.core.roles import Role
from commonground.grants.models import ApplicationStatus, Criterion, GrantApplication, MonitoringReport
from tests.browser.conftest import assert_accessible, sign_in
from tests.grants.helpers import make_round

pytestmark = pytest.mark.browser

LINK = re.compile(r"https?://[^\s]+/grants/sign-in/link/[^\s/]+/")
EMAIL = "hello@demo-hillside.example"
GROUP = "Demo Hillside Community Association"
EVENT = "Hillside street feast"


@pytest.fixture
def round_site(site_data, settings):
    from commonground.core.actions.places import import_postcodes

    import_postcodes(actor=None, path=settings.DEFAULT_PLACES_DIR / "postcodes_sample.csv")
    grant_round = make_round(slug="we-stand-together-2027", maximum="2500.00", questions=1)
    Criterion.objects.create(grant_round=grant_round, title="Brings people together", weight=3, position=1)
    Criterion.objects.create(grant_round=grant_round, title="A realistic budget", weight=1, position=2)
    # A third assessor, to stand in for the one with a conflict of interest.
    third = User.objects.create(
        username="assessor-3",
        first_name="Demo",
        last_name="Third assessor",
        email="assessor-3@demo.commonground.invalid",
        agency=Agency.objects.get(name="Demo Combined Authority Team"),
    )
    third.set_password(DEMO_PASSWORD)
    third.save()
    grant_role(actor=None, user=third, role=Role.GRANT_ASSESSOR, reason="Browser test")
    TOTPDevice.objects.create(user=third, name="Test authenticator", confirmed=True)
    return grant_round


def checked(page: Page) -> Page:
    assert_accessible(page)
    return page


def arrive(page: Page, heading: str | re.Pattern) -> None:
    expect(page.locator("h1")).to_contain_text(heading)
    assert_accessible(page)


def sign_in_from_email(page: Page) -> None:
    mail.outbox.clear()
    page.get_by_label("What is your email address?").fill(EMAIL)
    page.get_by_role("button", name="Email me a link").click()
    arrive(page, "Check your email")
    [message] = [m for m in mail.outbox if m.to == [EMAIL]]
    page.goto(LINK.search(message.body).group(0))
    checked(page)
    page.get_by_role("button", name="Sign in").click()


def save_and_continue(page: Page) -> None:
    page.get_by_role("button", name="Save and continue").click()


def the_group_applies(page: Page, new_context, grant_round) -> GrantApplication:
    page.goto("/grants/")
    checked(page)
    page.get_by_role("link", name=grant_round.name).click()
    checked(page)
    page.get_by_role("button", name="Start now").click()
    checked(page)
    sign_in_from_email(page)
    arrive(page, "Before you start")
    page.get_by_role("button", name="Start your application").click()
    page.get_by_label("What is your organisation called?").fill(GROUP)
    page.get_by_label("Constituted community group").check()
    checked(page)
    save_and_continue(page)
    page.get_by_label("What is your organisation's address?").fill("1 Hill Street, Bolton")
    page.get_by_label("Postcode").fill("BL2 6PN")
    checked(page)
    save_and_continue(page)
    page.get_by_label("What is the event called?").fill(EVENT)
    page.get_by_label("What will happen at the event?").fill("Neighbours share a meal on Hill Street.")
    checked(page)
    save_and_continue(page)

    # The group stops here, signs out, and comes back another day from a new link.
    page.get_by_role("link", name="Save and come back later").click()
    checked(page)
    page.get_by_role("button", name="Sign out").click()
    arrive(page, "You have signed out")
    later = new_context().new_page()
    later.goto("/grants/sign-in/")
    checked(later)
    sign_in_from_email(later)
    arrive(later, "Your applications")
    later.get_by_role("link", name="Continue your application").click()
    arrive(later, "When and where")

    day = (timezone.localdate() + timedelta(days=40)).strftime("%d/%m/%Y")
    later.get_by_label("What day does the event start?").fill(day)
    later.get_by_label("What time does it start?").fill("12:00")
    later.get_by_label("What day does it end?").fill(day)
    later.get_by_label("What time does it end?").fill("17:00")
    later.get_by_label("Where will it happen?").fill("Hill Street, Bolton")
    save_and_continue(later)
    later.get_by_label("Who will the event bring together, and how?").fill(
        "Older residents and new arrivals."
    )
    later.get_by_label("How many people do you expect?").fill("120")
    later.get_by_label("How will you make the event accessible?").fill("Step-free, with a quiet tent.")
    checked(later)
    save_and_continue(later)
    later.get_by_role("textbox").first.fill("Door knocking with the mosque and the church.")
    checked(later)
    save_and_continue(later)
    later.get_by_label("Item 1", exact=True).fill("Food")
    later.get_by_label("Cost of item 1, in £").fill("1200")
    later.get_by_label("Item 2", exact=True).fill("Tables and chairs")
    later.get_by_label("Cost of item 2, in £").fill("300")
    later.get_by_label("Total amount you are asking for, in £").fill("1500")
    checked(later)
    save_and_continue(later)
    later.get_by_label("I confirm that the information in this application is true and complete").check()
    later.get_by_label(
        "If the event is funded, it may appear on the public calendar of community events"
    ).check()
    checked(later)
    save_and_continue(later)
    arrive(later, "Check your answers before sending your application")
    later.get_by_role("button", name="Send application").click()
    arrive(later, "Application sent")
    application = GrantApplication.objects.get(applicant__email=EMAIL)
    assert application.status == ApplicationStatus.SUBMITTED
    return application


def staff_page(new_context, username: str) -> Page:
    page = new_context().new_page()
    sign_in(page, username)
    return page


def declare(page: Page, application, *, conflict: bool) -> None:
    page.goto("/staff/grants/assessing/")
    arrive(page, re.compile("."))
    page.get_by_role("link", name=re.compile("Declare")).first.click()
    checked(page)
    page.get_by_label("Yes" if conflict else "No", exact=True).check()
    if conflict:
        page.get_by_label("Details of your conflict of interest").fill("I volunteer with this group.")
    page.get_by_role("button", name="Record my declaration").click()
    checked(page)


def score(page: Page, application, marks: tuple[int, int]) -> None:
    page.goto(f"/staff/grants/applications/{application.pk}/score/")
    checked(page)
    for title, mark in zip(("Brings people together", "A realistic budget"), marks, strict=True):
        page.get_by_role("group", name=re.compile(title)).get_by_label(str(mark), exact=True).check()
        page.get_by_label(f"Your reasons for the score for {title}").fill(
            f"Reasons for {mark} (browser test)."
        )
    page.get_by_label("Overall comment").fill("A clear plan that reaches newer residents.")
    before = application.assessments.count()
    page.get_by_role("button", name="Send my scores").click()
    checked(page)  # back on the list of applications to assess
    assert application.assessments.count() == before + 1


def test_a_group_applies_is_assessed_awarded_paid_reports_and_its_event_is_on_the_calendar(
    page: Page, new_context, round_site
):
    grant_round = round_site
    application = the_group_applies(page, new_context, grant_round)
    staff_url = f"/staff/grants/applications/{application.pk}/"

    # --- The grants officer assigns two assessors -------------------------------------------------
    officer = staff_page(new_context, "grants")
    officer.goto(staff_url)
    arrive(officer, application.reference)
    officer.get_by_role("button", name="Assign assessors").click()
    arrive(officer, "Assign two assessors")
    officer.get_by_label(re.compile("Demo Health Partnership")).check()
    officer.get_by_label(re.compile("Demo Oldham Council")).check()
    officer.get_by_role("button", name=re.compile("Assign|Save")).click()
    checked(officer)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.IN_ASSESSMENT

    # --- One assessor declares a conflict, and is refused the scoring ------------------------------
    conflicted = staff_page(new_context, "assessor-2")
    declare(conflicted, application, conflict=True)
    conflicted.goto(f"/staff/grants/applications/{application.pk}/score/")
    expect(conflicted.get_by_text("You declared a conflict of interest in this application")).to_be_visible()
    expect(conflicted.get_by_role("button", name="Send my scores")).to_have_count(0)
    checked(conflicted)
    assert not application.assessments.exists()

    # --- The officer asks a third assessor ---------------------------------------------------------
    officer.goto(staff_url)
    officer.get_by_role("button", name="Assign another assessor").click()
    arrive(officer, "Assign another assessor")
    officer.get_by_label(re.compile("Third assessor")).check()
    officer.get_by_role("button", name=re.compile("Assign|Save")).click()
    checked(officer)

    # --- Two assessors without a conflict score it -------------------------------------------------
    for username, marks in (("assessor", (5, 4)), ("assessor-3", (4, 4))):
        assessor = staff_page(new_context, username)
        declare(assessor, application, conflict=False)
        score(assessor, application, marks)
    assert application.assessments.count() == 2

    # --- The panel awards it, within the round's budget --------------------------------------------
    panel = staff_page(new_context, "programme")
    panel.goto(staff_url)
    checked(panel)
    panel.get_by_role("button", name="Record the panel's decision").click()
    checked(panel)
    panel.get_by_label("Award in full").check()
    panel.get_by_label("The panel's reasons").fill("Strong on bringing neighbours together.")
    panel.get_by_role("button", name="Record the decision").click()
    checked(panel)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.AWARDED
    grant_round.refresh_from_db()
    assert application.decision.amount_awarded == Decimal("1500.00") <= grant_round.budget

    # --- The officer records a payment -------------------------------------------------------------
    officer.goto(staff_url)
    officer.get_by_role("link", name="Record a payment").click()
    checked(officer)
    officer.get_by_label("Date paid").fill(timezone.localdate().strftime("%d/%m/%Y"))
    officer.get_by_label("Amount (£)").fill("750")
    officer.get_by_role("button", name="Record the payment").click()
    checked(officer)
    assert application.decision.payments.get().amount == Decimal("750.00")

    # --- The group reports back --------------------------------------------------------------------
    group = new_context().new_page()
    group.goto("/grants/sign-in/")
    sign_in_from_email(group)
    arrive(group, "Your applications")
    group.goto(f"/grants/your-applications/{application.pk}/monitoring/")
    checked(group)
    group.get_by_label("How many people came?").fill("140")
    group.get_by_label("How many people came from this group: Young people?").fill("40")
    group.get_by_label("How many people came from this group: Faith groups?").fill("25")
    group.get_by_label("What happened at the event?").fill("More people came than we planned for.")
    group.get_by_label("How much of the grant did you spend, in £?").fill("1500")
    group.get_by_role("button", name="Send report").click()
    checked(group)
    assert MonitoringReport.objects.get(application=application).submitted_at is not None

    # --- The event is on the public calendar and in its iCalendar feed -----------------------------
    visitor = new_context().new_page()
    visitor.goto("/events/")
    checked(visitor)
    visitor.get_by_role("link", name=re.compile(EVENT)).first.click()
    arrive(visitor, EVENT)
    feed = visitor.request.get("/events/calendar.ics")
    assert feed.status == 200 and feed.headers["content-type"].startswith("text/calendar")
    calendar = Calendar.from_ical(feed.body())
    summaries = [str(event.get("SUMMARY")) for event in calendar.walk("VEVENT")]
    assert EVENT in summaries
    [funded] = [event for event in calendar.walk("VEVENT") if str(event.get("SUMMARY")) == EVENT]
    assert funded.decoded("DTSTART").date() == (timezone.localdate() + timedelta(days=40))
    assert EMAIL not in feed.text()  # never the contact's email
