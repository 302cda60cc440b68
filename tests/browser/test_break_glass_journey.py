"""Emergency access and its review, as the people who do it: the Bolton safeguarding coordinator
opens an Oldham referral in an emergency (first forgetting the reason, and told so), lands on the
referral, and the data protection officer finds the access waiting on their home page, records
that it was appropriate, and sees the week's access review. Real sign-ins (password, then the
authenticator's code); axe-core checks every page on the way."""

import pytest
from playwright.sync_api import expect

from commonground.core.models import BreakGlassAccess, BreakGlassOutcome
from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import OLDHAM
from tests.safeguarding.builders import referral_in

pytestmark = pytest.mark.browser

REASON = "The young person rang the Bolton helpline tonight saying he will hurt someone (browser test)."


def test_a_coordinator_breaks_the_glass_and_the_officer_reviews_it(site_data, new_context):
    oldham_case = referral_in(OLDHAM)

    coordinator = new_context().new_page()
    sign_in(coordinator, "coordinator")
    coordinator.get_by_role("link", name="Open a record in an emergency").click()
    expect(coordinator.get_by_role("heading", level=1)).to_have_text("Open a record in an emergency")
    assert_accessible(coordinator)

    coordinator.get_by_label("Reference of the record").fill(oldham_case.reference)
    coordinator.get_by_role("button", name="Open the record").click()
    expect(coordinator.get_by_role("alert")).to_contain_text(
        "Give the reason you need to open this record in an emergency"
    )
    expect(coordinator.get_by_label("Reference of the record")).to_have_value(oldham_case.reference)
    assert_accessible(coordinator)

    coordinator.get_by_label("Why do you need to open it now?").fill(REASON)
    coordinator.get_by_role("button", name="Open the record").click()
    coordinator.wait_for_url(f"**/staff/safeguarding/referrals/{oldham_case.pk}/")
    expect(coordinator.get_by_text(f"You may open {oldham_case.reference} until")).to_be_visible()
    assert_accessible(coordinator)

    officer = new_context().new_page()
    sign_in(officer, "dpo")
    officer.get_by_role(
        "link", name=f"Demo Safeguarding coordinator opened {oldham_case.reference}"
    ).first.click()
    expect(officer.get_by_role("heading", level=1)).to_have_text(
        f"Review emergency access to {oldham_case.reference}"
    )
    expect(officer.get_by_text(REASON)).to_be_visible()
    assert_accessible(officer)

    officer.get_by_label("Appropriate", exact=True).check()
    officer.get_by_label("Note").fill("Checked with the Oldham coordinator the next morning.")
    officer.get_by_role("button", name="Save the review").click()
    officer.wait_for_url("**/staff/access-review/**")
    expect(officer.get_by_role("heading", level=1)).to_contain_text("Access review")
    expect(officer.get_by_role("cell", name=oldham_case.reference, exact=True)).to_be_visible()
    assert_accessible(officer)

    grant = BreakGlassAccess.objects.get()
    assert grant.outcome == BreakGlassOutcome.APPROPRIATE
    assert grant.reviewed_by.username == "dpo"
