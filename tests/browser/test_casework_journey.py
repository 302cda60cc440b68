"""A Channel case from referral to exit, worked through the staff pages as the people who do it
(issue 4, "Done when", first bullet): the Bolton safeguarding coordinator refers a 16-year-old,
screens the referral, asks the police for information; a police officer answers; the coordinator
holds a panel (the police present), records the vulnerability factors, adopts the case with a
parent's consent, adds support to the plan, ends support, and the 6- and 12-month reviews are
scheduled. Every sign-in is the real one (password, then authenticator code); forms are filled
by their labels and buttons pressed by their words; axe-core checks every page on the way.
"""

import importlib
import re
from datetime import timedelta

import pytest
from django.apps import apps
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from commonground.core.actions.roles import grant_role
from commonground.core.demo import DEMO_PASSWORD
from commonground.core.models import Agency, User
from commonground.core.roles import Role
from commonground.safeguarding.models import Referral
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.browser

# Migration 0003 seeds the vulnerability factors; the flush after each browser test empties them.
FACTORS = importlib.import_module("commonground.safeguarding.migrations.0003_vulnerability_factors")
CONCERN = "Has started sharing extreme right-wing videos with classmates (browser test)."


def d(day) -> str:
    return f"{day.day}/{day.month}/{day.year}"


@pytest.fixture
def casework_site(site_data):
    FACTORS.seed(apps, None)
    return site_data


@pytest.fixture
def police_officer(casework_site) -> User:
    """A Demo Police Force officer who answers information requests, with an authenticator."""
    officer = User.objects.create(
        username="police-officer",
        first_name="Pat",
        last_name="Officer",
        email="police-officer@demo.commonground.invalid",
        agency=Agency.objects.get(name="Demo Police Force"),
    )
    officer.set_password(DEMO_PASSWORD)
    officer.save()
    grant_role(actor=None, user=officer, role=Role.PANEL_MEMBER, reason="Browser test")
    TOTPDevice.objects.create(user=officer, name="Test authenticator", confirmed=True)
    return officer


def arrive(page: Page, heading: str | re.Pattern | None = None) -> None:
    """The page answered with its heading, and axe-core finds no WCAG 2.2 A/AA violation."""
    if heading is not None:
        expect(page.locator("h1")).to_contain_text(heading)
    assert_accessible(page)


def choose(page: Page, group: str, option: str) -> None:
    page.get_by_role("group", name=group).get_by_label(option, exact=True).check()


def test_a_case_from_referral_to_exit(new_context, casework_site, police_officer):
    today = timezone.localdate()
    sixteen = today.replace(year=today.year - 16) - timedelta(days=30)
    coordinator = new_context().new_page()
    sign_in(coordinator, "coordinator")
    arrive(coordinator)

    # --- Refer -----------------------------------------------------------------------------------
    coordinator.goto("/staff/safeguarding/refer/")
    arrive(coordinator)
    coordinator.get_by_label("First name", exact=True).fill("Jordan")
    coordinator.get_by_label("Last name", exact=True).fill("Testcase")
    coordinator.get_by_label("Date of birth", exact=True).fill(d(sixteen))
    coordinator.get_by_label("Borough where they live", exact=True).select_option(label="Bolton")
    coordinator.get_by_label("Your name", exact=True).fill("Demo Coordinator")
    coordinator.get_by_label("Your role (optional)").fill("Channel coordinator")
    choose(coordinator, "Sector", "Local authority")
    coordinator.get_by_label("Your telephone number or email address").fill("01204 000000")
    coordinator.get_by_label("Describe the concern in your own words").fill(CONCERN)
    choose(coordinator, "Type of concern", "Extreme right-wing")
    choose(coordinator, "Does the person know about this referral and agree to it being discussed?", "Yes")
    choose(coordinator, "Have you discussed this with your organisation's safeguarding lead?", "Yes")
    coordinator.get_by_role("button", name="Check for existing records").click()
    arrive(coordinator)
    coordinator.get_by_role("button", name="Send referral").click()
    coordinator.wait_for_url("**/staff/")
    expect(coordinator.get_by_text("Referral sent.")).to_be_visible()
    arrive(coordinator)
    referral = Referral.objects.get(concern=CONCERN)
    assert referral.status == "to_screen"

    # --- Screen: proceed -------------------------------------------------------------------------
    coordinator.goto(f"/staff/safeguarding/referrals/{referral.pk}/")
    arrive(coordinator)
    choose(coordinator, "Screening decision", "Proceed to information gathering")
    coordinator.get_by_label("Reasons for the decision").fill("Vulnerable and drawn to an ideology.")
    coordinator.get_by_role("button", name="Record screening decision").click()
    expect(coordinator.get_by_text("Screening decision recorded")).to_be_visible()
    arrive(coordinator)

    # --- Ask the police --------------------------------------------------------------------------
    coordinator.get_by_role("link", name="Send an information request").click()
    arrive(coordinator)
    coordinator.get_by_label("Agency to ask").select_option(label="Demo Police Force")
    coordinator.get_by_label("Your question").fill("Is Jordan known to the police?")
    coordinator.get_by_label("Answer needed by").fill(d(today + timedelta(days=7)))
    coordinator.get_by_role("button", name="Send information request").click()
    expect(coordinator.get_by_text("Information request sent to Demo Police Force")).to_be_visible()
    arrive(coordinator)

    # --- The police answer -----------------------------------------------------------------------
    police = new_context().new_page()
    sign_in(police, police_officer.username)
    police.goto("/staff/safeguarding/requests/")
    arrive(police)
    police.get_by_role("link", name=re.compile(r"^Information request \d+")).click()
    arrive(police)
    police.get_by_label("Your answer").fill("Not known to the police before this referral.")
    police.get_by_role("button", name="Send answer").click()
    expect(police.get_by_text("Answer sent to the safeguarding coordinator")).to_be_visible()
    arrive(police)

    coordinator.goto(f"/staff/safeguarding/referrals/{referral.pk}/")
    expect(coordinator.get_by_text("Not known to the police before this referral.")).to_be_visible()
    arrive(coordinator)

    # --- The panel -------------------------------------------------------------------------------
    coordinator.goto("/staff/safeguarding/panels/")
    arrive(coordinator)
    coordinator.get_by_role("link", name="Create a panel meeting").click()
    arrive(coordinator)
    coordinator.get_by_label("Borough", exact=True).select_option(label="Bolton")
    coordinator.get_by_label("Date of the meeting", exact=True).fill(d(today))
    coordinator.get_by_label("Chair", exact=True).select_option(index=1)
    coordinator.get_by_label("Location (optional)").fill("Town hall, room 2")
    coordinator.get_by_role("button", name="Create meeting").click()
    expect(coordinator.get_by_text("Panel meeting created")).to_be_visible()
    arrive(coordinator)

    coordinator.get_by_label("Referral", exact=True).select_option(
        label=f"Referral {referral.pk}: Jordan Testcase (Information gathering)"
    )
    coordinator.get_by_role("button", name="Add to the agenda").click()
    expect(coordinator.get_by_text("Referral added to the agenda")).to_be_visible()
    arrive(coordinator)

    coordinator.get_by_label("Agency", exact=True).select_option(label="Demo Police Force")
    # Staff of other agencies are not in the coordinator's directory: the name is typed in.
    coordinator.get_by_label("Name", exact=True).fill("Pat Officer")
    coordinator.get_by_label("Role (optional)").fill("Prevent officer")
    choose(coordinator, "Can they make decisions for their agency?", "Yes")
    choose(coordinator, "Did they attend?", "Attended")
    coordinator.get_by_role("button", name="Record attendance").click()
    expect(coordinator.get_by_text("Attendance recorded")).to_be_visible()
    expect(coordinator.get_by_role("cell", name="Pat Officer")).to_be_visible()
    arrive(coordinator)

    coordinator.get_by_role("link", name=f"Referral {referral.pk}: Jordan Testcase").click()
    arrive(coordinator, f"Referral {referral.pk}")
    factor_form = coordinator.locator(
        "form", has=coordinator.get_by_role("button", name="Save the factor discussion")
    )
    judgements = factor_form.get_by_role("group")
    assert judgements.count() > 0
    for index in range(judgements.count()):
        judgements.nth(index).get_by_label("Not known", exact=True).check()
    judgements.first.get_by_label("Present", exact=True).check()
    factor_form.get_by_role("textbox").first.fill("Shares extremist videos at school.")
    coordinator.get_by_role("button", name="Save the factor discussion").click()
    expect(coordinator.get_by_text("Factor discussion recorded")).to_be_visible()
    arrive(coordinator)

    choose(coordinator, "The panel's decision", "Adopt as a Channel case")
    coordinator.get_by_label("Reasons", exact=True).fill("Vulnerable; support should help.")
    choose(coordinator, "Who gave consent (if adopted)", "A parent or guardian")
    coordinator.get_by_label("Date consent was given (if adopted)").fill(d(today))
    coordinator.get_by_role("button", name="Record the decision").click()
    expect(coordinator.get_by_text("Panel decision recorded")).to_be_visible()
    arrive(coordinator)
    referral.refresh_from_db()
    assert referral.status == "adopted"

    # --- Support and exit ------------------------------------------------------------------------
    coordinator.goto(f"/staff/safeguarding/referrals/{referral.pk}/")
    coordinator.get_by_role("link", name="Support plan").click()
    arrive(coordinator)
    choose(coordinator, "Kind of support", "Mentoring (including ideological mentoring)")
    coordinator.get_by_label("Provider", exact=True).fill("Demo intervention provider")
    add_intervention = coordinator.locator(
        "form", has=coordinator.get_by_role("button", name="Add intervention")
    )
    add_intervention.get_by_label("Owner").select_option(index=1)
    add_intervention.get_by_label("Start date").fill(d(today))
    add_intervention.get_by_label("Due date").fill(d(today + timedelta(days=90)))
    coordinator.get_by_role("button", name="Add intervention").click()
    expect(coordinator.get_by_text("Demo intervention provider").first).to_be_visible()
    arrive(coordinator)

    coordinator.get_by_role("link", name="End support (exit)").click()
    arrive(coordinator, "End support")
    coordinator.get_by_label("Exit date", exact=True).fill(d(today))
    coordinator.get_by_label("Reasons support is ending").fill("The support plan has been completed.")
    coordinator.get_by_role("button", name="End support").click()
    expect(coordinator.get_by_text("Support ended: reviews are scheduled for 6 and 12")).to_be_visible()
    arrive(coordinator)

    # The reviews, 6 and 12 months after the exit date, are on the plan with their due dates (the
    # staff home lists them once due: half a year away, beyond a live server's reach).
    referral.refresh_from_db()
    assert referral.status == "exited"
    reviews = list(
        referral.exit_reviews.order_by("months_after_exit").values_list("months_after_exit", "due_on")
    )
    assert [months for months, _ in reviews] == [6, 12]
    for months, due_on in reviews:
        assert due_on > today
        expect(
            coordinator.get_by_text(f"{months}-month review, due {due_on.day} {due_on:%B %Y}")
        ).to_be_visible()

    # Half a year on, the 6-month review is on the coordinator's staff home. A live server cannot
    # move its clock, so the review is brought forward to fall due in a week instead.
    six_months = referral.exit_reviews.get(months_after_exit=6)
    due_soon = today + timedelta(days=7)
    six_months.due_on = due_soon
    six_months.save(update_fields=["due_on"])
    coordinator.goto("/staff/")
    reviews_due = coordinator.locator("h3:text-is('Reviews due') + ul")
    expect(
        reviews_due.get_by_role("link", name=f"6-month exit review: referral {referral.pk}")
    ).to_be_visible()
    expect(reviews_due.get_by_text(f"due {due_soon.day} {due_soon:%b %Y}")).to_be_visible()
    expect(coordinator.get_by_text(f"12-month exit review: referral {referral.pk}")).to_have_count(0)
    arrive(coordinator)
