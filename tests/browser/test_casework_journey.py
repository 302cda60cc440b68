"""A Channel case from referral to exit, worked through the staff pages as the people who do it
(issue 4, "Done when", first bullet): the Bolton safeguarding coordinator refers a 16-year-old;
two more referrals arrive, one from a school's safeguarding lead on the refer form and one from a
member of the public's "worried about someone" report, which reaches the coordinator's queue and
becomes a referral there; the coordinator screens the first referral and asks the police and the
school for information; each answers only the request to its own agency, and both answers show
on the case page; the coordinator holds a panel (the police present), records the vulnerability
factors, adopts the case with a parent's consent, adds support to the plan, ends support, and the
6- and 12-month reviews are scheduled. Every sign-in is the real one (password, then authenticator code); forms are filled
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
from commonground.core.models import Agency, AgencyKind, Area, User
from commonground.core.roles import Role
from commonground.reports import demo as reports_demo
from commonground.reports.models import Report
from commonground.safeguarding.models import InformationRequest, Referral
from tests.browser.conftest import assert_accessible, sign_in
from tests.browser.test_report_journeys import REFERENCE, REFERENCE_CONTENT, Walk

pytestmark = pytest.mark.browser

# Migration 0003 seeds the vulnerability factors; the flush after each browser test empties them.
FACTORS = importlib.import_module("commonground.safeguarding.migrations.0003_vulnerability_factors")
CONCERN = "Has started sharing extreme right-wing videos with classmates (browser test)."
SCHOOL_CONCERN = "Drew a terrorist symbol on her books and says an attack would be deserved (browser test)."
WORRY = "My cousin says the people at the mosque are the enemy and he wants to do something (browser test)."
SCHOOL = "Demo Bolton High School"


def d(day) -> str:
    return f"{day.day}/{day.month}/{day.year}"


@pytest.fixture
def casework_site(site_data):
    """The places and demo accounts, the vulnerability factors, and the report line's reference
    content and teams (a worry in Bolton goes to the Bolton safeguarding coordinators' queue)."""
    FACTORS.seed(apps, None)
    REFERENCE_CONTENT.seed(apps, None)
    reports_demo.load_demo()
    return site_data


def _staff_member(username: str, first_name: str, last_name: str, agency: Agency) -> User:
    """A member of an agency's staff who sits on panels, refers and answers information requests."""
    person = User.objects.create(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=f"{username}@demo.commonground.invalid",
        agency=agency,
    )
    person.set_password(DEMO_PASSWORD)
    person.save()
    grant_role(actor=None, user=person, role=Role.PANEL_MEMBER, reason="Browser test")
    TOTPDevice.objects.create(user=person, name="Test authenticator", confirmed=True)
    return person


@pytest.fixture
def police_officer(casework_site) -> User:
    """A Demo Police Force officer who answers information requests, with an authenticator."""
    return _staff_member("police-officer", "Pat", "Officer", Agency.objects.get(name="Demo Police Force"))


@pytest.fixture
def school_lead(casework_site) -> User:
    """The designated safeguarding lead of a Bolton school: refers, and answers the school's requests."""
    school = Agency.objects.create(name=SCHOOL, kind=AgencyKind.EDUCATION)
    school.areas.set([Area.objects.get(code="E08000001")])
    return _staff_member("school-lead", "Robin", "Teacher", school)


def arrive(page: Page, heading: str | re.Pattern | None = None) -> None:
    """The page answered with its heading, and axe-core finds no WCAG 2.2 A/AA violation."""
    if heading is not None:
        expect(page.locator("h1")).to_contain_text(heading)
    assert_accessible(page)


def choose(page: Page, group: str, option: str) -> None:
    page.get_by_role("group", name=group).get_by_label(option, exact=True).check()


def test_a_case_from_referral_to_exit(new_context, casework_site, police_officer, school_lead):
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

    # --- A school refers on the same form ----------------------------------------------------------
    school = new_context().new_page()
    sign_in(school, school_lead.username)
    arrive(school)
    school.goto("/staff/safeguarding/refer/")
    arrive(school, "Refer someone to safeguarding")
    school.get_by_label("First name", exact=True).fill("Casey")
    school.get_by_label("Last name", exact=True).fill("Schoolcase")
    school.get_by_label("Date of birth", exact=True).fill(d(sixteen + timedelta(days=200)))
    school.get_by_label("Borough where they live", exact=True).select_option(label="Bolton")
    school.get_by_label("Your name", exact=True).fill("Robin Teacher")
    school.get_by_label("Your role (optional)").fill("Designated safeguarding lead")
    school.get_by_label("Your organisation (optional)").fill(SCHOOL)
    choose(school, "Sector", "Education")
    school.get_by_label("Your telephone number or email address").fill("dsl@bolton-high.example.org")
    school.get_by_label("Describe the concern in your own words").fill(SCHOOL_CONCERN)
    choose(school, "Type of concern", "Islamist")
    choose(school, "Does the person know about this referral and agree to it being discussed?", "No")
    choose(school, "Have you discussed this with your organisation's safeguarding lead?", "Yes")
    school.get_by_role("button", name="Check for existing records").click()
    arrive(school)
    school.get_by_role("button", name="Send referral").click()
    school.wait_for_url("**/staff/")
    expect(school.get_by_text("Referral sent.")).to_be_visible()
    arrive(school)
    from_school = Referral.objects.get(concern=SCHOOL_CONCERN)
    assert (from_school.referred_by, from_school.referring_sector) == (school_lead, "education")
    assert from_school.referrer_agency.kind == AgencyKind.EDUCATION
    # A referrer cannot open what they sent: it is the coordinator's to screen.
    assert school.goto(f"/staff/safeguarding/referrals/{from_school.pk}/").status == 404
    arrive(school)

    # --- A worry from the report line becomes a referral -------------------------------------------
    public = Walk(new_context().new_page())
    public.goto("/report/")
    public.click(public.link("Get advice if you are worried about someone"))
    public.click(public.button("Continue"))
    public.question("What would you like to do?")
    public.label("Share details so a safeguarding coordinator can look at it").check()
    public.continue_()
    public.question("Who are you worried about?")
    public.label("Who are you worried about?").fill("Adam, my cousin, 19, lives in Farnworth")
    public.continue_()
    public.question("What has worried you?")
    public.label("What has worried you?").fill(WORRY)
    public.continue_()
    public.label("Which area do they live in?").select_option(label="Bolton")
    public.continue_()
    public.label("Your name (optional)").fill("Worried Cousin")
    public.continue_()
    public.question("Check your answers before sending your report")
    public.click(public.button("Send report"))
    reference = public.page.locator(".cg-reference").inner_text().strip()
    assert REFERENCE.fullmatch(reference), reference

    # It reaches the Bolton coordinators' queue; the coordinator starts a referral from it.
    coordinator.goto("/staff/reports/")
    arrive(coordinator, "Reports")
    coordinator.get_by_role("link", name=reference, exact=True).click()
    arrive(coordinator, f"Report {reference}")
    expect(coordinator.get_by_text(WORRY)).to_be_visible()
    coordinator.get_by_role("link", name="Refer to safeguarding").click()
    arrive(coordinator, "Refer someone to safeguarding")
    expect(coordinator.get_by_text(f"From report {reference}")).to_be_visible()
    concern = coordinator.get_by_label("Describe the concern in your own words")
    expect(concern).to_have_value(re.compile(re.escape(WORRY)))
    expect(concern).to_have_value(re.compile("About the person: Adam, my cousin"))
    coordinator.get_by_label("Borough where they live", exact=True).select_option(label="Bolton")
    expect(coordinator.get_by_text("Worried Cousin")).to_have_count(0)  # the reporter is not named
    coordinator.get_by_label("First name", exact=True).fill("Adam")
    coordinator.get_by_label("Last name", exact=True).fill("Worrycase")
    coordinator.get_by_label("Age in years (if you do not know their date of birth)").fill("19")
    coordinator.get_by_label("Your name", exact=True).fill("Demo Coordinator")
    coordinator.get_by_label("Your telephone number or email address").fill("01204 000000")
    choose(coordinator, "Type of concern", "Extreme right-wing")
    choose(
        coordinator,
        "Does the person know about this referral and agree to it being discussed?",
        "Not yet asked",
    )
    choose(coordinator, "Have you discussed this with your organisation's safeguarding lead?", "Yes")
    coordinator.get_by_role("button", name="Check for existing records").click()
    arrive(coordinator)
    coordinator.get_by_role("button", name="Send referral").click()
    coordinator.wait_for_url("**/staff/")
    expect(coordinator.get_by_text("Referral sent.")).to_be_visible()
    arrive(coordinator)
    from_worry = Referral.objects.get(source_report=Report.objects.get(reference=reference))
    assert (from_worry.full_name, from_worry.status) == ("Adam Worrycase", "to_screen")
    assert WORRY in from_worry.concern and "Worried Cousin" not in from_worry.referrer_name

    # Both arrivals wait on the coordinator's list, to screen.
    coordinator.goto("/staff/safeguarding/?status=to_screen")
    arrive(coordinator, "Safeguarding referrals")
    for arrived in (from_school, from_worry):
        row = coordinator.get_by_role("row").filter(
            has=coordinator.get_by_role("link", name=f"Referral {arrived.pk}", exact=True)
        )
        expect(row).to_contain_text(arrived.full_name)
        expect(row).to_contain_text("To screen")

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

    # --- Ask the school --------------------------------------------------------------------------
    coordinator.get_by_role("link", name="Send an information request").click()
    arrive(coordinator)
    coordinator.get_by_label("Agency to ask").select_option(label=SCHOOL)
    coordinator.get_by_label("Your question").fill("Has the school seen anything that worries you?")
    coordinator.get_by_label("Answer needed by").fill(d(today + timedelta(days=7)))
    coordinator.get_by_role("button", name="Send information request").click()
    expect(coordinator.get_by_text(f"Information request sent to {SCHOOL}")).to_be_visible()
    arrive(coordinator)
    to_police = InformationRequest.objects.get(referral=referral, agency__name="Demo Police Force")
    to_school = InformationRequest.objects.get(referral=referral, agency__name=SCHOOL)

    # --- Each agency answers its own request, and sees no other ------------------------------------
    police = new_context().new_page()
    sign_in(police, police_officer.username)
    for agency, own, other, answer in (
        (police, to_police, to_school, "Not known to the police before this referral."),
        (school, to_school, to_police, "Two incidents this term of sharing videos in class."),
    ):
        agency.goto("/staff/safeguarding/requests/")
        arrive(agency)
        requests = agency.get_by_role("link", name=re.compile(r"^Information request \d+"))
        expect(requests).to_have_count(1)
        expect(requests).to_have_text(f"Information request {own.pk}")
        requests.click()
        arrive(agency, "A question for your agency")
        expect(agency.get_by_text(own.question)).to_be_visible()
        expect(agency.get_by_text(other.question)).to_have_count(0)
        expect(agency.get_by_text(CONCERN)).to_have_count(0)
        agency.get_by_label("Your answer").fill(answer)
        agency.get_by_role("button", name="Send answer").click()
        expect(agency.get_by_text("Answer sent to the safeguarding coordinator")).to_be_visible()
        arrive(agency)
        # The other agency's request, and the case itself, are not found.
        assert agency.goto(f"/staff/safeguarding/requests/{other.pk}/").status == 404
        assert agency.goto(f"/staff/safeguarding/referrals/{referral.pk}/").status == 404

    coordinator.goto(f"/staff/safeguarding/referrals/{referral.pk}/")
    answers = coordinator.locator("#information-requests ~ dl")
    expect(answers.filter(has_text="Demo Police Force")).to_contain_text(
        "Not known to the police before this referral."
    )
    expect(answers.filter(has_text=SCHOOL)).to_contain_text(
        "Two incidents this term of sharing videos in class."
    )
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
