"""Panels staffed by the partnership: a borough coordinator records a member of a partnership-wide
agency (the police, the health partnership: agencies serving the whole combined authority) as
attending the borough's panel, chosen from the staff who sit on panels; that person then sees the
open cases on the agenda, and no longer once a case closes. The attendance report counts police and
health attendees per panel."""

from datetime import timedelta

import pytest
from django.utils import timezone

from commonground.core.models import AgencyKind, Area
from commonground.core.roles import Role
from commonground.safeguarding.models import Attendance
from tests.clock import FROZEN
from tests.factories import BOLTON, GREATER_MANCHESTER, OLDHAM, AgencyFactory, UserFactory
from tests.safeguarding.test_panels import PANELS, attend, coordinator_for, new_meeting, ready_referral

# The outcome depends on the date (see tests/clock.py).
pytestmark = [pytest.mark.django_db, FROZEN]


@pytest.fixture
def coordinator():
    return coordinator_for(BOLTON)


@pytest.fixture
def police():
    return AgencyFactory(kind=AgencyKind.POLICE, serves=[GREATER_MANCHESTER], name="GMP Prevent")


@pytest.fixture
def officer(police):
    return UserFactory(agency=police, roles=[Role.PANEL_MEMBER], first_name="Pat", last_name="Officer")


def _attendance(person="", agency="", name="", attended="yes"):
    return {
        "agency": str(agency),
        "person": str(person),
        "name": name,
        "role": "Prevent officer",
        "is_decision_maker": "yes",
        "attended": attended,
    }


def test_the_coordinator_records_a_police_officer_of_the_whole_partnership_who_then_sees_the_case(
    sign_in, coordinator, officer
):
    meeting = new_meeting(BOLTON, coordinator)
    referral = ready_referral(BOLTON)
    as_coordinator = sign_in(coordinator)
    assert as_coordinator.post(f"{PANELS}{meeting.pk}/agenda/", {"referral": referral.pk}).status_code == 302

    # The officer's agency serves Greater Manchester, not Bolton: still offered, by name.
    page = as_coordinator.get(f"{PANELS}{meeting.pk}/").content.decode()
    assert f'<option value="{officer.pk}">Pat Officer (GMP Prevent)</option>' in page

    # Chosen from the staff list with the agency left blank: the officer's own agency is recorded.
    response = as_coordinator.post(f"{PANELS}{meeting.pk}/attendance/", _attendance(person=officer.pk))
    assert response.status_code == 302, response.content.decode()
    row = Attendance.objects.get(meeting=meeting)
    assert (row.person, row.agency, row.name, row.attended) == (officer, officer.agency, "Pat Officer", True)

    as_officer = sign_in(officer)
    panels = as_officer.get(PANELS).content.decode()
    assert "You are not recorded as attending any panel" not in panels
    assert "Sam Taylor" in panels
    case_url = f"{PANELS}{meeting.pk}/cases/{referral.pk}/"
    assert as_officer.get(case_url).status_code == 200

    # The panel does not adopt the case: it is closed to the panel, so "not found" to the officer.
    item = meeting.agenda.get()
    decided = as_coordinator.post(
        f"{PANELS}{meeting.pk}/items/{item.pk}/decision/",
        {"outcome": "not_adopt", "reasons": "Low risk", "signposted_to": "Early help"},
    )
    assert decided.status_code == 302
    assert as_officer.get(case_url).status_code == 404
    assert "Sam Taylor" not in as_officer.get(PANELS).content.decode()


def test_staff_of_partnership_wide_agencies_who_do_not_sit_on_panels_are_not_offered(
    sign_in, coordinator, police
):
    neighbourhood = UserFactory(agency=police, roles=[Role.PARTNER_OFFICER], first_name="Neil")
    meeting = new_meeting(BOLTON, coordinator)
    page = sign_in(coordinator).get(f"{PANELS}{meeting.pk}/").content.decode()
    assert neighbourhood.get_full_name() not in page
    # And the form refuses them if posted anyway.
    response = sign_in(coordinator).post(
        f"{PANELS}{meeting.pk}/attendance/", _attendance(person=neighbourhood.pk, agency=police.pk)
    )
    assert response.status_code == 200
    assert "Select a member of staff, or leave it blank" in response.content.decode()
    assert not Attendance.objects.exists()


def test_panel_members_of_another_boroughs_agency_are_not_offered(sign_in, coordinator):
    oldham = UserFactory(agency=AgencyFactory(serves=[OLDHAM]), roles=[Role.PANEL_MEMBER])
    meeting = new_meeting(BOLTON, coordinator)
    page = sign_in(coordinator).get(f"{PANELS}{meeting.pk}/").content.decode()
    assert oldham.get_full_name() not in page


def test_an_attendee_named_without_an_account_needs_an_agency(sign_in, coordinator, police):
    meeting = new_meeting(BOLTON, coordinator)
    client = sign_in(coordinator)
    response = client.post(f"{PANELS}{meeting.pk}/attendance/", _attendance(name="DS Khan"))
    page = response.content.decode()
    assert response.status_code == 200 and "Select the agency they represent" in page
    assert 'value="DS Khan"' in page  # what was typed is kept
    assert (
        client.post(
            f"{PANELS}{meeting.pk}/attendance/", _attendance(name="DS Khan", agency=police.pk)
        ).status_code
        == 302
    )
    assert Attendance.objects.get().agency == police


def test_sending_apologies_gives_the_officer_no_case(sign_in, coordinator, officer):
    meeting = new_meeting(BOLTON, coordinator)
    referral = ready_referral(BOLTON)
    sign_in(coordinator).post(f"{PANELS}{meeting.pk}/agenda/", {"referral": referral.pk})
    sign_in(coordinator).post(
        f"{PANELS}{meeting.pk}/attendance/", _attendance(person=officer.pk, attended="no")
    )
    assert Attendance.objects.get().attended is False
    assert sign_in(officer).get(f"{PANELS}{meeting.pk}/cases/{referral.pk}/").status_code == 404


def test_the_attendance_report_counts_police_and_health_attendees(sign_in, coordinator, police, officer):
    health = AgencyFactory(kind=AgencyKind.HEALTH, serves=[GREATER_MANCHESTER], name="GM Health Partnership")
    today = timezone.localdate()
    full = new_meeting(BOLTON, coordinator, today - timedelta(days=14))
    attend(full, officer)
    attend(full, agency=police)  # a second officer, named without an account
    attend(full, agency=health)
    attend(full, coordinator)
    thin = new_meeting(BOLTON, coordinator, today - timedelta(days=7))
    attend(thin, coordinator)
    attend(thin, agency=health, attended=False)  # apologies are not attendance

    page = sign_in(coordinator).get(f"{PANELS}attendance/").content.decode()
    assert "Police attendees" in page and "Health attendees" in page
    rows = page.split('<th scope="row" class="govuk-table__header">')[1:]
    assert len(rows) == 2
    full_row = next(row for row in rows if f"{full.meets_on.day} {full.meets_on:%B %Y}" in row)
    thin_row = next(row for row in rows if f"{thin.meets_on.day} {thin.meets_on:%B %Y}" in row)
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">2</td>' in full_row  # police
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">1</td>' in full_row  # health
    assert "GMP Prevent" in full_row and "GM Health Partnership" in full_row
    assert thin_row.count('<td class="govuk-table__cell govuk-table__cell--numeric">0</td>') == 2
    assert "Panels without police: 1" in page and "Panels without health: 1" in page
    assert Area.objects.get(code=BOLTON).name in page
