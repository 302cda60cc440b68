"""What a panel member sees of a case: the panel case view only, never the coordinator's referral
page or its sub-pages (404, like a missing referral); the names on a meeting's agenda only when
recorded as attending it (not when they sent apologies); and each showing of those names audited."""

from datetime import timedelta

import pytest
from django.utils import timezone

from commonground.core.models import AgencyKind, Area, AuditAction, AuditEvent
from commonground.core.roles import Role
from commonground.safeguarding.actions import panels as actions
from tests.clock import FROZEN
from tests.factories import BOLTON, OLDHAM, AgencyFactory, UserFactory, staff
from tests.safeguarding.test_panels import PANELS, attend, meeting_with_case, new_meeting, ready_referral

# The outcome depends on the date (see tests/clock.py).
pytestmark = [pytest.mark.django_db, FROZEN]

NAME = "Sam Taylor"
ADDRESS = "12 Hidden Lane"
REFERRER_CONTACT = "01204 000000"
MISSING = 987654


def referral_pages(referral_id: int) -> list[str]:
    """The coordinator's referral page and the sub-pages that show the referral's details."""
    page = f"/staff/safeguarding/referrals/{referral_id}/"
    return [
        page,
        f"{page}edit/",
        f"{page}plan/",
        f"{page}information-requests/new/",
        f"{page}consent-withdrawn/",
        f"{page}exit/",
        f"{page}transfer/",
    ]


def posted_steps(referral_id: int) -> list[str]:
    page = f"/staff/safeguarding/referrals/{referral_id}/"
    return [f"{page}gateway-check/", f"{page}screening/", f"{page}plan/actions/"]


def assert_not_found_like_a_missing_referral(client, referral_id: int) -> None:
    for existing, missing in zip(referral_pages(referral_id), referral_pages(MISSING), strict=True):
        response = client.get(existing)
        assert response.status_code == 404 == client.get(missing).status_code, existing
        page = response.content.decode()
        assert NAME not in page and ADDRESS not in page and REFERRER_CONTACT not in page
    for existing, missing in zip(posted_steps(referral_id), posted_steps(MISSING), strict=True):
        assert client.post(existing, {}).status_code == 404 == client.post(missing, {}).status_code, existing


def test_a_panel_member_attending_the_panel_sees_the_panel_case_view_and_not_the_referral_pages(sign_in):
    meeting, item = meeting_with_case(BOLTON, address=ADDRESS)
    member = staff(Role.PANEL_MEMBER, BOLTON, kind=AgencyKind.EDUCATION)
    attend(meeting, member)
    client = sign_in(member)

    case_view = client.get(f"{PANELS}{meeting.pk}/cases/{item.referral_id}/")
    assert case_view.status_code == 200 and NAME in case_view.content.decode()
    assert ADDRESS not in case_view.content.decode()
    assert item.referral.reference in case_view.content.decode()

    views_before = AuditEvent.objects.filter(actor=member, action=AuditAction.VIEW).count()
    assert_not_found_like_a_missing_referral(client, item.referral_id)
    # Nothing was shown, so no opening was recorded.
    assert AuditEvent.objects.filter(actor=member, action=AuditAction.VIEW).count() == views_before


def test_a_coordinator_of_another_borough_sitting_on_the_panel_gets_only_the_panel_case_view(sign_in):
    """Their MANAGE_CASES covers Oldham, not Bolton: sitting on Bolton's panel gives them the
    panel case view, not the Bolton coordinator's pages, and not a way to change the referral."""
    meeting, item = meeting_with_case(BOLTON, address=ADDRESS)
    agency = AgencyFactory(serves=[BOLTON, OLDHAM])
    both = UserFactory(agency=agency, roles=[Role.SAFEGUARDING_COORDINATOR, Role.PANEL_MEMBER])
    attend(meeting, both)
    # Since the meeting was recorded, their agency has come to serve Oldham only.
    agency.areas.set(Area.objects.filter(code=OLDHAM))
    client = sign_in(both)

    assert client.get(f"{PANELS}{meeting.pk}/cases/{item.referral_id}/").status_code == 200
    assert_not_found_like_a_missing_referral(client, item.referral_id)
    # Nor is the case in their coordinator's list.
    assert NAME not in client.get("/staff/safeguarding/").content.decode()


def test_a_member_who_sent_apologies_does_not_see_the_names_on_the_agenda(sign_in):
    meeting, item = meeting_with_case(BOLTON)
    member = staff(Role.PANEL_MEMBER, BOLTON)
    attend(meeting, member, attended=False)
    client = sign_in(member)

    page = client.get(PANELS).content.decode()
    assert str(meeting) in page
    assert "You sent apologies for this panel" in page
    assert NAME not in page and f"/cases/{item.referral_id}/" not in page
    assert client.get(f"{PANELS}{meeting.pk}/cases/{item.referral_id}/").status_code == 404
    # Nothing named, nothing to record.
    assert not AuditEvent.objects.filter(
        actor=member, action__in=[AuditAction.VIEW, AuditAction.LIST_VIEWED]
    ).exists()


def test_a_member_who_sent_apologies_to_one_meeting_sees_only_the_agenda_of_the_one_they_attend(sign_in):
    attended_meeting, _ = meeting_with_case(BOLTON)
    apologies_meeting, apologies_item = meeting_with_case(BOLTON, first_name="Jo")
    member = staff(Role.PANEL_MEMBER, BOLTON)
    attend(attended_meeting, member)
    attend(apologies_meeting, member, attended=False)
    client = sign_in(member)

    page = client.get(PANELS).content.decode()
    assert NAME in page and "Jo Taylor" not in page
    assert (
        client.get(f"{PANELS}{apologies_meeting.pk}/cases/{apologies_item.referral_id}/").status_code == 404
    )


def test_a_member_invited_to_an_upcoming_meeting_sees_its_agenda(sign_in):
    coordinator = staff(Role.SAFEGUARDING_COORDINATOR, BOLTON)
    meeting = new_meeting(BOLTON, coordinator, meets_on=timezone.localdate() + timedelta(days=14))

    actions.add_to_agenda(actor=coordinator, meeting=meeting, referral=ready_referral(BOLTON))
    member = staff(Role.PANEL_MEMBER, BOLTON)
    attend(meeting, member)  # recorded ahead of the meeting as expected to attend
    assert NAME in sign_in(member).get(PANELS).content.decode()


def test_each_showing_of_the_panels_list_records_one_audit_event_naming_the_referrals_shown(sign_in):
    meeting, item = meeting_with_case(BOLTON)
    _, second = meeting_with_case(BOLTON, first_name="Jo")
    second_meeting = second.meeting
    _, not_mine = meeting_with_case(BOLTON, first_name="Kim")
    member = staff(Role.PANEL_MEMBER, BOLTON)
    attend(meeting, member)
    attend(second_meeting, member)
    client = sign_in(member)

    client.get(PANELS)
    client.get(PANELS)

    events = AuditEvent.objects.filter(actor=member, action=AuditAction.LIST_VIEWED).order_by("sequence")
    assert events.count() == 2
    shown = sorted(f"safeguarding.referral:{pk}" for pk in (item.referral_id, second.referral_id))
    for event in events:
        assert event.object_type == "safeguarding.referral"
        assert event.object_repr == "Your panels"
        assert sorted(event.changes["shown"]) == shown
        assert f"safeguarding.referral:{not_mine.referral_id}" not in event.changes["shown"]
