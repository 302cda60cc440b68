"""A Bolton panel staffed by the partnership, worked through the staff pages (issue 12): the Bolton
coordinator records the police force's panel member (an officer of an agency serving the whole
combined authority, not Bolton alone) as attending, choosing them from the list of staff; the
officer signs in and sees the case on the panel's agenda; the panel does not adopt the case, which
closes it to the panel, and the officer then gets "not found"; the attendance report shows the
police present. Real sign-ins (password, then authenticator code); axe-core checks every page."""

import importlib

import pytest
from django.apps import apps
from django.utils import timezone
from playwright.sync_api import Page, expect

from commonground.core.models import User
from commonground.safeguarding.actions.steps import record_screening_decision
from commonground.safeguarding.models import PanelMeeting, ReferralStatus
from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import BOLTON
from tests.safeguarding.builders import referral_in

pytestmark = pytest.mark.browser

# Migration 0003 seeds the vulnerability factors; the flush after each browser test empties them.
FACTORS = importlib.import_module("commonground.safeguarding.migrations.0003_vulnerability_factors")
OFFICER = "Demo Panel member (Demo Police Force)"


def d(day) -> str:
    return f"{day.day}/{day.month}/{day.year}"


def arrive(page: Page, heading: str | None = None) -> None:
    if heading is not None:
        expect(page.locator("h1")).to_contain_text(heading)
    assert_accessible(page)


def choose(page: Page, group: str, option: str) -> None:
    page.get_by_role("group", name=group).get_by_label(option, exact=True).check()


@pytest.fixture
def case_ready_for_panel(site_data):
    """A Bolton referral screened through to information gathering by the demo coordinator."""
    FACTORS.seed(apps, None)
    referral = referral_in(BOLTON, first_name="Riley", last_name="Partnercase")
    record_screening_decision(
        actor=User.objects.get(username="coordinator"),
        referral=referral,
        decision="proceed",
        reasons="Needs the panel (browser test)",
    )
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.INFORMATION_GATHERING
    return referral


def test_a_police_officer_of_the_partnership_sits_on_a_bolton_panel(new_context, case_ready_for_panel):
    referral = case_ready_for_panel
    today = timezone.localdate()
    officer = User.objects.get(username="panel")
    assert officer.agency.kind == "police" and not officer.agency.areas.filter(code=BOLTON).exists()

    coordinator = new_context().new_page()
    sign_in(coordinator, "coordinator")
    coordinator.goto("/staff/safeguarding/panels/")
    arrive(coordinator, "Panels")
    coordinator.get_by_role("link", name="Create a panel meeting").click()
    arrive(coordinator)
    coordinator.get_by_label("Borough", exact=True).select_option(label="Bolton")
    coordinator.get_by_label("Date of the meeting", exact=True).fill(d(today))
    coordinator.get_by_label("Chair", exact=True).select_option(index=1)
    coordinator.get_by_role("button", name="Create meeting").click()
    expect(coordinator.get_by_text("Panel meeting created")).to_be_visible()
    arrive(coordinator)
    meeting = PanelMeeting.objects.get()

    coordinator.get_by_label("Referral", exact=True).select_option(
        label=f"Referral {referral.pk}: Riley Partnercase (Information gathering)"
    )
    coordinator.get_by_role("button", name="Add to the agenda").click()
    expect(coordinator.get_by_text("Referral added to the agenda")).to_be_visible()
    arrive(coordinator)

    # The police officer is on the list of staff, though their force serves the whole partnership.
    coordinator.get_by_label("Member of staff (optional)").select_option(label=OFFICER)
    coordinator.get_by_label("Role (optional)").fill("Prevent officer")
    choose(coordinator, "Can they make decisions for their agency?", "Yes")
    choose(coordinator, "Did they attend?", "Attended")
    coordinator.get_by_role("button", name="Record attendance").click()
    expect(coordinator.get_by_text("Attendance recorded")).to_be_visible()
    attendance = coordinator.get_by_role("row").filter(has_text="Demo Panel member")
    expect(attendance).to_contain_text("Demo Police Force")
    expect(attendance).to_contain_text("Attended")
    arrive(coordinator)

    # --- The officer sees the case on the panel's agenda -------------------------------------------
    police = new_context().new_page()
    sign_in(police, "panel")
    police.goto("/staff/safeguarding/panels/")
    arrive(police, "Panels")
    expect(police.get_by_text("You are not recorded as attending any panel")).to_have_count(0)
    police.get_by_role("link", name=f"Referral {referral.pk}: Riley Partnercase").click()
    arrive(police, "Riley Partnercase")
    expect(police.get_by_text(referral.reference)).to_be_visible()
    case_url = police.url
    # The coordinator's own pages stay out of reach.
    assert police.goto(f"/staff/safeguarding/referrals/{referral.pk}/").status == 404

    # --- The panel does not adopt the case: it closes to the panel ---------------------------------
    coordinator.goto(f"/staff/safeguarding/panels/{meeting.pk}/")
    coordinator.get_by_role("link", name=f"Referral {referral.pk}: Riley Partnercase").click()
    arrive(coordinator, f"Referral {referral.pk}")
    choose(coordinator, "The panel's decision", "Do not adopt: signpost to other support")
    coordinator.get_by_label("Reasons", exact=True).fill("Support from early help is enough (browser test).")
    coordinator.get_by_label("Where the person was signposted (if not adopted)").fill("Early help")
    coordinator.get_by_role("button", name="Record the decision").click()
    expect(coordinator.get_by_text("Panel decision recorded")).to_be_visible()
    arrive(coordinator)
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.NOT_ADOPTED

    assert police.goto(case_url).status == 404
    arrive(police)
    police.goto("/staff/safeguarding/panels/")
    arrive(police, "Panels")
    expect(police.get_by_text("Riley Partnercase")).to_have_count(0)
    expect(police.get_by_text("There are no open cases on this panel's agenda.")).to_be_visible()

    # --- The attendance report shows the police present ---------------------------------------------
    coordinator.goto("/staff/safeguarding/panels/attendance/")
    arrive(coordinator, "Panel attendance")
    row = coordinator.get_by_role("row").filter(has_text=f"{today.day} {today:%B %Y}")
    expect(row).to_contain_text("Yes")
    expect(row).to_contain_text("Demo Police Force")
    expect(row.get_by_role("cell").nth(1)).to_have_text("1")  # police attendees
    expect(coordinator.get_by_text("Panels without police: 0")).to_be_visible()
