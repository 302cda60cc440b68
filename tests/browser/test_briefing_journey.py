"""A briefing from the partnership's programme manager to Bolton's safeguarding coordinators,
worked through the pages by the people involved: the programme manager writes it, checks who it
reaches and sends it; one Bolton coordinator finds it waiting on their staff home and opens it; a
coordinator of Oldham gets "not found" at its address; the programme manager sees one read and one
not yet. Every sign-in is the real one; axe-core checks every page on the way."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from commonground.core.actions.roles import grant_role
from commonground.core.demo import DEMO_PASSWORD
from commonground.core.models import Agency, User
from commonground.core.roles import Role
from commonground.programme.models import Briefing, BriefingReceipt, BriefingStatus
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.browser

TITLE = "Bolton local risk profile (browser test)"
BODY = "Leaflets from a proscribed group found near two Bolton schools this week (browser test)."


def person(username: str, role: Role, agency: Agency) -> User:
    user = User.objects.create(
        username=username,
        first_name="Test",
        last_name=username.replace("-", " ").title(),
        email=f"{username}@demo.commonground.invalid",
        agency=agency,
    )
    user.set_password(DEMO_PASSWORD)
    user.save()
    grant_role(actor=None, user=user, role=role, reason="Browser test")
    TOTPDevice.objects.create(user=user, name="Test authenticator", confirmed=True)
    return user


@pytest.fixture
def briefing_site(site_data):
    """Beside the demo Bolton coordinator: a second Bolton coordinator, and one in Oldham."""
    person(
        "bolton-coordinator-two",
        Role.SAFEGUARDING_COORDINATOR,
        Agency.objects.get(name="Demo Bolton Council"),
    )
    person(
        "oldham-coordinator", Role.SAFEGUARDING_COORDINATOR, Agency.objects.get(name="Demo Oldham Council")
    )
    return site_data


def arrive(page: Page, heading: str | None = None) -> None:
    if heading is not None:
        expect(page.locator("h1")).to_contain_text(heading)
    assert_accessible(page)


def test_a_briefing_reaches_bolton_coordinators_only(new_context, briefing_site):
    # --- The programme manager writes it, sees who it reaches, and sends it ---------------------
    author = new_context().new_page()
    sign_in(author, "programme")
    arrive(author)
    author.get_by_role("link", name="Write a briefing").first.click()
    arrive(author, "Write a briefing")
    author.get_by_role("button", name="Save and check the audience").click()
    arrive(author, "Write a briefing")  # the error summary, checked too
    expect(author.locator(".govuk-error-summary")).to_contain_text("Choose who the briefing is for")
    author.get_by_label("Title").fill(TITLE)
    author.get_by_label("Briefing", exact=True).fill(BODY)
    author.get_by_role("group", name="Handling marking").get_by_label("OFFICIAL-SENSITIVE").check()
    author.get_by_role("group", name="Roles").get_by_label(
        Role.SAFEGUARDING_COORDINATOR.label, exact=True
    ).check()
    author.get_by_role("group", name="Boroughs").get_by_label("Bolton", exact=True).check()
    closes = timezone.localdate() + timedelta(days=14)
    author.get_by_label("Open until").fill(f"{closes.day}/{closes.month}/{closes.year}")
    author.get_by_role("button", name="Save and check the audience").click()
    arrive(author, TITLE)
    expect(author.locator("main")).to_contain_text("2 people are in the audience")
    author.get_by_role("button", name="Send the briefing").click()
    arrive(author, TITLE)
    expect(author.locator("main")).to_contain_text("Briefing sent")
    briefing = Briefing.objects.get(title=TITLE)
    assert briefing.status == BriefingStatus.SENT
    url = f"/staff/programme/briefings/{briefing.pk}/"

    # --- A Bolton coordinator finds it waiting and opens it ------------------------------------
    reader = new_context().new_page()
    sign_in(reader, "coordinator")
    arrive(reader)
    waiting = reader.get_by_role("link", name="A briefing from Demo Combined Authority Team")
    expect(waiting).to_be_visible()
    waiting.click()
    arrive(reader, TITLE)
    expect(reader.locator("main")).to_contain_text(BODY)
    expect(reader.locator("main")).to_contain_text("OFFICIAL-SENSITIVE")
    assert BriefingReceipt.objects.get(briefing=briefing).reader.username == "coordinator"

    # --- A coordinator in Oldham: not found -----------------------------------------------------
    outsider = new_context().new_page()
    sign_in(outsider, "oldham-coordinator")
    arrive(outsider)
    response = outsider.goto(url)
    assert response is not None and response.status == 404
    arrive(outsider, "Page not found")
    outsider.goto("/staff/programme/briefings/")
    arrive(outsider, "Briefings")
    expect(outsider.locator("main")).not_to_contain_text(TITLE)

    # --- The programme manager: one read, one not yet -------------------------------------------
    author.goto("/staff/programme/briefings/")
    arrive(author, "Briefings")
    author.get_by_role("link", name=f"Read receipts for {TITLE}").click()
    arrive(author, "Read receipts")
    expect(author.locator("main")).to_contain_text("1 read, 1 not yet.")
    expect(author.get_by_role("button", name="Remind Test Bolton Coordinator Two")).to_be_visible()
