"""Who read a person's casework details, page by page: the coordinator's list, a panel meeting, an
agenda item, "Your panels" and the information requests for an agency each leave one audit event,
and a list's event names exactly the referrals on the page shown."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from commonground.core.access import scope_for
from commonground.core.models import AuditAction, AuditEvent
from commonground.core.roles import Role
from commonground.safeguarding.actions.information import send_information_request
from commonground.safeguarding.queries import possible_duplicates
from tests.clock import FROZEN
from tests.factories import BOLTON, OLDHAM, AgencyFactory, UserFactory, staff
from tests.safeguarding.builders import referral_in
from tests.safeguarding.test_panels import PANELS, attend, meeting_with_case, ready_referral

# The outcome depends on the date (see tests/clock.py).
pytestmark = [pytest.mark.django_db, FROZEN]


def ref(record) -> str:
    return f"{record._meta.label_lower}:{record.pk}"


def events_by(user):
    """What this user read (their sign-in aside)."""
    return AuditEvent.objects.filter(actor=user).exclude(action=AuditAction.SIGN_IN).order_by("sequence")


def test_each_page_of_the_coordinators_list_names_exactly_the_referrals_on_it(sign_in):
    coordinator = staff(Role.SAFEGUARDING_COORDINATOR, BOLTON)
    referrals = [referral_in(BOLTON) for _ in range(52)]
    referral_in(OLDHAM)  # out of scope: never on the list, never named
    client = sign_in(coordinator)

    assert client.get("/staff/safeguarding/?page=2").status_code == 200

    listed = events_by(coordinator).get(action=AuditAction.LIST_VIEWED)
    # Newest first, 50 a page: the second page holds the two oldest.
    assert listed.changes == {"shown": [ref(referrals[1]), ref(referrals[0])], "page": 2}
    assert listed.object_type == "safeguarding.referral"

    client.get("/staff/safeguarding/")
    first_page = events_by(coordinator).filter(action=AuditAction.LIST_VIEWED).last()
    assert first_page.changes["shown"] == [ref(r) for r in reversed(referrals[2:])]


def test_opening_an_agenda_item_records_who_read_the_persons_factors_and_decision(sign_in):
    meeting, item = meeting_with_case(BOLTON)
    coordinator = staff(Role.SAFEGUARDING_COORDINATOR, BOLTON)

    assert sign_in(coordinator).get(f"{PANELS}{meeting.pk}/items/{item.pk}/").status_code == 200

    opened = events_by(coordinator).get()
    assert (opened.action, opened.object_type, opened.object_id) == (
        AuditAction.VIEW,
        "safeguarding.agendaitem",
        str(item.pk),
    )
    assert opened.subject_ref == ref(item.referral)


def test_opening_a_meeting_names_the_people_on_its_agenda_and_those_that_may_be_added(sign_in):
    meeting, item = meeting_with_case(BOLTON)
    waiting = ready_referral(BOLTON)  # offered in "add to the agenda"
    referral_in(BOLTON)  # still to screen: not offered, not shown
    coordinator = staff(Role.SAFEGUARDING_COORDINATOR, BOLTON)

    assert sign_in(coordinator).get(f"{PANELS}{meeting.pk}/").status_code == 200

    opened = events_by(coordinator).get()
    assert (opened.action, opened.object_type, opened.object_id) == (
        AuditAction.VIEW,
        "safeguarding.panelmeeting",
        str(meeting.pk),
    )
    assert opened.changes == {"shown": [ref(item.referral), ref(waiting)]}


def test_your_panels_names_the_cases_shown_to_the_panel_member(sign_in):
    meeting, item = meeting_with_case(BOLTON)
    meeting_with_case(BOLTON, first_name="Jo")  # a panel they do not attend
    member = staff(Role.PANEL_MEMBER, BOLTON)
    attend(meeting, member)

    assert sign_in(member).get(PANELS).status_code == 200

    listed = events_by(member).get()
    assert listed.action == AuditAction.LIST_VIEWED
    assert listed.changes == {"shown": [ref(item.referral)]}


def test_a_panel_member_with_no_panel_reads_nobody_and_leaves_no_event(sign_in):
    member = staff(Role.PANEL_MEMBER, BOLTON)
    assert sign_in(member).get(PANELS).status_code == 200
    assert not events_by(member).exists()


def test_the_information_requests_list_names_each_request_and_the_person_it_asks_about(sign_in):
    agency = AgencyFactory(serves=[BOLTON])
    answerer = UserFactory(agency=agency, roles=[Role.TRIAGE_OFFICER])
    coordinator = staff(Role.SAFEGUARDING_COORDINATOR, BOLTON)
    referral = referral_in(BOLTON)
    request = send_information_request(
        actor=coordinator,
        referral=referral,
        agency=agency,
        question="Known to you?",
        due_on=timezone.localdate() + timedelta(days=10),
    )

    assert sign_in(answerer).get("/staff/safeguarding/requests/").status_code == 200

    listed = events_by(answerer).get()
    assert listed.action == AuditAction.LIST_VIEWED
    assert listed.changes == {"shown": [ref(request), ref(referral)]}


def test_possible_matches_shown_to_a_coordinator_are_named_in_the_trail():
    born = date(2008, 2, 1)
    ours = referral_in(BOLTON, first_name="Mohammed", last_name="Khan", date_of_birth=born)
    # Another borough's record is not searched before sending (it is checked, audited, on sending).
    referral_in(OLDHAM, first_name="Mohammed", last_name="Khan", date_of_birth=born)
    coordinator = staff(Role.SAFEGUARDING_COORDINATOR, BOLTON)

    found = possible_duplicates(scope_for(coordinator), "Muhammad", "Khan", born)

    assert found.in_scope == [ours]
    listed = events_by(coordinator).get()
    assert listed.action == AuditAction.LIST_VIEWED
    assert listed.changes == {"shown": [ref(ours)]}


def test_after_a_refused_addition_the_meeting_page_lists_only_the_people_it_records_as_read(sign_in):
    meeting, item = meeting_with_case(BOLTON, first_name="Aled")
    waiting = ready_referral(BOLTON, first_name="Bethan")
    referral_in(BOLTON, first_name="Cerys")  # still to screen: in scope, but not for this agenda
    coordinator = staff(Role.SAFEGUARDING_COORDINATOR, BOLTON)

    # Adding a referral already on the agenda is refused and the page is shown again.
    response = sign_in(coordinator).post(f"{PANELS}{meeting.pk}/agenda/", {"referral": item.referral_id})

    page = response.content.decode()
    assert "already on this panel&#x27;s agenda" in page or "already on this panel's agenda" in page
    assert "Aled" in page and "Bethan" in page and "Cerys" not in page
    opened = events_by(coordinator).get()
    assert opened.changes == {"shown": [ref(item.referral), ref(waiting)]}
