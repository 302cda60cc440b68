"""Steps out of the process's order, posted through the forms as a coordinator would: each is
refused with its reason in the error summary, keeps what was typed, leaves the status as it was
and writes nothing to the audit trail. The pages do not offer those steps in the first place."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine

from commonground.core.models import AuditAction, AuditEvent
from commonground.core.roles import Role
from commonground.safeguarding.actions import exit_and_transfer, panels
from commonground.safeguarding.models import (
    AgendaItem,
    CaseEvent,
    ExitReview,
    GatewayCheck,
    PanelDecision,
    Referral,
    ReferralStatus,
    ScreeningDecision,
)
from tests.factories import BOLTON, staff
from tests.safeguarding.test_panels import PANELS, adult_dob, item_url, new_meeting, ready_referral
from tests.safeguarding.test_support_plan import adopted_referral_in, d, url

pytestmark = pytest.mark.django_db

TODAY = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)
READS = (AuditAction.VIEW, AuditAction.LIST_VIEWED)


@pytest.fixture(autouse=True)
def fixed_today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def coordinator():
    return staff(Role.SAFEGUARDING_COORDINATOR, BOLTON)


def writes() -> int:
    """Audit events other than readings (opening a page is audited, refused or not)."""
    return AuditEvent.objects.exclude(action__in=READS).count()


def refused(response, *messages: str, typed: str = "") -> str:
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in html
    assert "govuk-error-summary" in html
    for message in messages:
        assert message in html
    if typed:
        assert typed in html
    return html


def exited_case(coordinator) -> Referral:
    case = adopted_referral_in(BOLTON, received_on=date(2026, 6, 1))
    exit_and_transfer.close_case(
        actor=coordinator, referral=case, happened_on=date(2026, 8, 31), reasons="Plan done"
    )
    case.refresh_from_db()
    return case


def adopted_at_panel(coordinator, meets_on: date) -> AgendaItem:
    """A referral received on 1 June 2026, adopted by the panel that met on `meets_on`."""
    with time_machine.travel(datetime(2026, 6, 1, 9, tzinfo=UTC), tick=False):
        referral = ready_referral(BOLTON, date_of_birth=adult_dob())
    meeting = new_meeting(BOLTON, coordinator, meets_on=meets_on)
    item = panels.add_to_agenda(actor=coordinator, meeting=meeting, referral=referral)
    panels.record_panel_decision(
        actor=coordinator,
        agenda_item=item,
        details=panels.DecisionDetails(
            outcome="adopt",
            reasons="Agrees to mentoring",
            consent_given_by="person",
            consent_given_on=meets_on,
        ),
    )
    return item


# --- Screening after support ended ------------------------------------------------------------------


def test_screening_after_support_ended_is_refused_and_not_offered(sign_in, coordinator):
    case = exited_case(coordinator)
    client = sign_in(coordinator)
    page = client.get(url(case)).content.decode()
    assert "Record the screening decision" not in page
    assert "Record the police gateway check" not in page
    assert "No screening decision or police gateway check can be recorded" in page
    before = writes()

    response = client.post(
        url(case, "screening/"), {"decision": "no_further_action", "reasons": "Closing it"}
    )
    refused(
        response,
        "You cannot record the screening decision “no further action” now: the referral is “Support ended”.",
        "only while it is “To screen” or “Information gathering”",
        typed="Closing it",
    )
    response = client.post(url(case, "gateway-check/"), {"outcome": "police_led", "notes": "Police took it"})
    refused(response, "You cannot record a police gateway check now", typed="Police took it")

    assert Referral.objects.get().status == ReferralStatus.EXITED
    assert not ScreeningDecision.objects.exists()
    assert not GatewayCheck.objects.exists()
    assert writes() == before
    # The plan page still shows how support ended and the reviews to come.
    plan = client.get(url(case, "plan/")).content.decode()
    assert "Support ended on 31 August 2026" in plan
    assert "12-month review, due 31 August 2027" in plan


def test_information_gathering_offers_only_the_screening_decisions_left(sign_in, coordinator):
    referral = ready_referral(BOLTON)
    client = sign_in(coordinator)
    page = client.get(url(referral)).content.decode()
    assert "Record the screening decision" in page
    assert 'value="no_further_action"' in page
    assert 'value="proceed"' not in page
    before = writes()
    response = client.post(url(referral, "screening/"), {"decision": "proceed", "reasons": "Again"})
    refused(response, "You cannot record the screening decision “proceed to information gathering” now")
    assert ScreeningDecision.objects.count() == 1
    assert writes() == before


# --- A panel decision at a meeting still to come, or held before the referral ----------------------


def test_a_panel_decision_at_a_meeting_still_to_come_is_refused(sign_in, coordinator):
    meeting = new_meeting(BOLTON, coordinator, meets_on=TODAY.date() + timedelta(days=11))
    item = panels.add_to_agenda(
        actor=coordinator, meeting=meeting, referral=ready_referral(BOLTON, date_of_birth=adult_dob())
    )
    client = sign_in(coordinator)
    page = client.get(item_url(item)).content.decode()
    assert "Record the decision" not in page
    assert "The panel meets on 3 December 2026: its decision can be recorded from that day" in page
    before = writes()

    response = client.post(
        item_url(item, "decision/"),
        {
            "outcome": "adopt",
            "reasons": "Agrees to mentoring with a named provider",
            "consent_given_by": "person",
            "consent_given_on": d(TODAY.date()),
        },
    )
    refused(
        response,
        "The panel meets on 3 December 2026: its decision can be recorded from that day",
        typed="Agrees to mentoring with a named provider",
    )
    assert Referral.objects.get().status == ReferralStatus.AT_PANEL
    assert not PanelDecision.objects.exists()
    assert writes() == before

    # On the day of the meeting the decision is recorded.
    with time_machine.travel(datetime(2026, 12, 3, 15, tzinfo=UTC), tick=False):
        response = sign_in(coordinator).post(
            item_url(item, "decision/"),
            {"outcome": "review_next", "reasons": "Waiting for the school's answer"},
        )
        assert response.status_code == 302
    assert PanelDecision.objects.get().outcome == "review_next"


def test_a_panel_decision_at_a_meeting_held_before_the_referral_is_refused(sign_in, coordinator):
    meeting = new_meeting(BOLTON, coordinator, meets_on=date(2026, 11, 2))
    item = panels.add_to_agenda(actor=coordinator, meeting=meeting, referral=ready_referral(BOLTON))
    client = sign_in(coordinator)
    before = writes()
    response = client.post(
        item_url(item, "decision/"), {"outcome": "not_adopt", "reasons": "No risk", "signposted_to": "CAMHS"}
    )
    refused(
        response,
        "This panel met on 2 November 2026, before the referral was received on 22 November 2026",
        typed="CAMHS",
    )
    assert Referral.objects.get().status == ReferralStatus.AT_PANEL
    assert not PanelDecision.objects.exists()
    assert writes() == before


def test_an_ended_case_cannot_go_back_on_a_panel_agenda(sign_in, coordinator):
    case = exited_case(coordinator)
    meeting = new_meeting(BOLTON, coordinator)
    client = sign_in(coordinator)
    assert f"Referral {case.pk}: Sam Taylor" not in client.get(f"{PANELS}{meeting.pk}/").content.decode()
    before = writes()
    response = client.post(f"{PANELS}{meeting.pk}/agenda/", {"referral": str(case.pk)})
    refused(response, "You cannot put the referral on a panel agenda now: the referral is “Support ended”.")
    assert not AgendaItem.objects.exists()
    assert Referral.objects.get().status == ReferralStatus.EXITED
    assert writes() == before


# --- An exit review before its window opens ----------------------------------------------------------


def test_an_exit_review_before_its_window_opens_is_refused(sign_in, coordinator):
    case = exited_case(coordinator)
    review = ExitReview.objects.get(months_after_exit=6)
    assert review.due_on == date(2027, 2, 28)
    window = "The 6-month review can be completed from 28 January 2027, a month before it is due on 28 February 2027"
    review_url = url(case, f"exit-reviews/{review.pk}/")
    client = sign_in(coordinator)
    plan = client.get(url(case, "plan/")).content.decode()
    assert window in plan
    assert review_url not in plan
    assert window in client.get(review_url).content.decode()
    before = writes()

    response = client.post(review_url, {"outcome": "Settled at college; no new concern."})
    refused(response, window, typed="Settled at college; no new concern.")
    review.refresh_from_db()
    assert review.completed_at is None
    assert writes() == before

    # The day the window opens, the review can be completed.
    with time_machine.travel(datetime(2027, 1, 28, 9, tzinfo=UTC), tick=False):
        client = sign_in(coordinator)
        assert review_url in client.get(url(case, "plan/")).content.decode()
        assert client.post(review_url, {"outcome": "Settled at college."}).status_code == 302
    review.refresh_from_db()
    assert review.completed_by == coordinator


# --- Support ended before adoption -------------------------------------------------------------------


def test_ending_support_for_a_referral_not_adopted_is_refused(sign_in, coordinator):
    referral = ready_referral(BOLTON)
    panels.add_to_agenda(actor=coordinator, meeting=new_meeting(BOLTON, coordinator), referral=referral)
    client = sign_in(coordinator)
    assert "End support (exit)" not in client.get(url(referral, "plan/")).content.decode()
    before = writes()
    for path in ("exit/", "consent-withdrawn/"):
        response = client.post(url(referral, path), {"happened_on": d(TODAY.date()), "reasons": "Moved away"})
        refused(
            response,
            "now: the referral is “On a panel agenda”.",
            "only while it is “Adopted as a Channel case”.",
            typed="Moved away",
        )
    assert Referral.objects.get().status == ReferralStatus.AT_PANEL
    assert not CaseEvent.objects.exists()
    assert not ExitReview.objects.exists()
    assert writes() == before


def test_an_exit_dated_before_the_panel_adopted_the_case_is_refused(sign_in, coordinator):
    item = adopted_at_panel(coordinator, meets_on=date(2026, 10, 1))
    referral = Referral.objects.get(pk=item.referral_id)
    assert referral.status == ReferralStatus.ADOPTED
    client = sign_in(coordinator)
    before = writes()
    response = client.post(url(referral, "exit/"), {"happened_on": "30/09/2026", "reasons": "Plan finished"})
    refused(
        response,
        "The exit date cannot be before the panel adopted the case on 1 October 2026",
        typed="Plan finished",
    )
    assert Referral.objects.get().status == ReferralStatus.ADOPTED
    assert not CaseEvent.objects.exists()
    assert writes() == before
    response = client.post(url(referral, "exit/"), {"happened_on": "01/10/2026", "reasons": "Plan finished"})
    assert response.status_code == 302
    assert Referral.objects.get().status == ReferralStatus.EXITED
