"""A sharing agreement decides, as the people involved see it: the Bolton coordinator's information
request to the police is refused, the message naming what is missing and nothing they typed lost;
the data protection officer records the agreement (told of the refusal on their home page); the
same request then goes through, and the police's partner officer finds it listed under the
agreement. No partnership-wide agreement is assumed. Real sign-ins; axe-core checks each page."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from commonground.core.models import Notification, User
from commonground.core.models.notifications import NotificationKind
from commonground.safeguarding.actions.steps import record_screening_decision
from commonground.safeguarding.models import InformationRequest
from commonground.sharing.models import AgreementDisclosure, SharingAgreement
from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import BOLTON
from tests.safeguarding.builders import referral_in

pytestmark = [pytest.mark.browser, pytest.mark.sharing_agreements_as_given]

QUESTION = "Is the young person known to your officers? Any contact in the last year? (browser test)"
MISSING = "No sharing agreement in force covers Demo Bolton Council and Demo Police Force for safeguarding case details."


def _day(days: int) -> str:
    return (timezone.localdate() + timezone.timedelta(days=days)).strftime("%d/%m/%Y")


def test_a_request_refused_without_an_agreement_goes_through_once_the_officer_records_one(
    site_data, new_context
):
    referral = referral_in(BOLTON)
    record_screening_decision(
        actor=User.objects.get(username="coordinator"),
        referral=referral,
        decision="proceed",
        reasons="Gather",
    )

    coordinator = new_context().new_page()
    sign_in(coordinator, "coordinator")
    coordinator.goto(f"/staff/safeguarding/referrals/{referral.pk}/")
    coordinator.get_by_role("link", name="Send an information request").click()
    coordinator.get_by_label("Agency to ask").select_option(label="Demo Police Force")
    coordinator.get_by_label("Your question").fill(QUESTION)
    coordinator.get_by_label("Answer needed by").fill(_day(10))
    coordinator.get_by_role("button", name="Send information request").click()

    expect(coordinator.get_by_role("alert")).to_contain_text(MISSING)
    expect(coordinator.get_by_label("Your question")).to_have_value(QUESTION)
    assert_accessible(coordinator)
    assert not InformationRequest.objects.exists()
    assert Notification.objects.filter(
        recipient__username="dpo", kind=NotificationKind.SHARING_REFUSED
    ).exists()

    officer = new_context().new_page()
    sign_in(officer, "dpo")
    officer.get_by_role("link", name="Information sharing agreements").first.click()
    expect(officer.get_by_role("heading", level=1)).to_have_text("Information sharing agreements")
    assert_accessible(officer)
    officer.get_by_role("button", name="Record an agreement").click()
    officer.get_by_label("Title").fill("Bolton Channel information sharing agreement")
    officer.get_by_label("Purpose").fill("Information requests about people referred to Channel in Bolton.")
    officer.get_by_label("Demo Bolton Council", exact=True).check()
    officer.get_by_label("Demo Police Force", exact=True).check()
    officer.get_by_label("safeguarding case details", exact=True).check()
    officer.get_by_label("Article 6(1)(e): public task").check()
    officer.get_by_label("Starts on").fill(_day(0))
    officer.get_by_label("Review by").fill(_day(365))
    officer.get_by_role("button", name="Record the agreement").click()
    expect(officer.get_by_role("heading", level=1)).to_have_text(
        "Bolton Channel information sharing agreement"
    )
    expect(officer.get_by_text("In force", exact=True)).to_be_visible()
    assert_accessible(officer)

    coordinator.get_by_role("button", name="Send information request").click()
    # The success banner is itself an alert: wait for it, so the request is read after it is sent.
    expect(coordinator.get_by_role("alert")).to_contain_text("Information request sent to Demo Police Force")
    request = InformationRequest.objects.get()
    assert request.agency.name == "Demo Police Force"

    police = new_context().new_page()
    sign_in(police, "partner")
    police.get_by_role("link", name="Information sharing agreements").first.click()
    police.get_by_role("link", name="Bolton Channel information sharing agreement").click()
    reference = f"Referral {referral.pk}, information request {request.pk}"
    expect(police.get_by_role("cell", name=reference, exact=True)).to_be_visible()
    assert_accessible(police)

    disclosure = AgreementDisclosure.objects.get()
    assert disclosure.agreement == SharingAgreement.objects.get()
    assert (disclosure.from_agency.name, disclosure.to_agency.name) == (
        "Demo Bolton Council",
        "Demo Police Force",
    )
