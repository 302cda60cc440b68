"""Training sessions: every member of staff sees them; a training lead adds one for their agency,
is told kindly what to correct (and loses nothing typed), and records attendance for their own
agency's people only."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from commonground.core.models import AuditAction, AuditEvent
from commonground.core.roles import Role
from commonground.programme.actions.training import record_attendance
from commonground.programme.models import Attendance, AttendanceStatus, TrainingSession
from tests.conftest import signed_in
from tests.factories import UserFactory
from tests.programme.training_helpers import OLDHAM, agency_with_lead, course, session_on

pytestmark = pytest.mark.django_db


def _form(**changes):
    data = {
        "course": str(course().pk),
        "day": (timezone.localdate() + timedelta(days=10)).strftime("%d/%m/%Y"),
        "start_time": "09:30",
        "end_time": "12:00",
        "online": "no",
        "place": "Bolton Town Hall, room 2",
        "capacity": "20",
        "trainer": "",
        "trainer_name": "Ann Trainer",
    }
    return {**data, **changes}


def test_a_lead_adds_a_session_organised_by_their_agency_and_it_is_audited():
    agency, lead = agency_with_lead()
    response = signed_in(lead).post("/staff/programme/training/sessions/new/", _form(), follow=True)
    assert "Session added" in response.content.decode()
    session = TrainingSession.objects.get()
    assert session.organising_agency == agency and session.capacity == 20
    assert AuditEvent.objects.filter(
        action=AuditAction.CREATE, object_id=str(session.pk), actor=lead
    ).exists()
    # Every member of staff sees it listed.
    other = UserFactory(roles=[Role.PARTNER_OFFICER])
    page = signed_in(other).get("/staff/programme/training/sessions/").content.decode()
    assert "Prevent awareness" in page and "Bolton Town Hall, room 2" in page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"start_time": "14:00", "end_time": "12:00"}, "The session must end after it starts"),
        ({"capacity": "0"}, "Enter how many people can attend: at least 1"),
        ({"place": "", "online": "no"}, "Enter where the session is held, or say it is online"),
    ],
)
def test_bad_sessions_are_refused_kindly_and_nothing_typed_is_lost(changes, message):
    _, lead = agency_with_lead()
    response = signed_in(lead).post("/staff/programme/training/sessions/new/", _form(**changes))
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert "Ann Trainer" in page  # what was typed is still there
    assert not TrainingSession.objects.exists()


def test_an_online_session_needs_no_place():
    _, lead = agency_with_lead()
    signed_in(lead).post("/staff/programme/training/sessions/new/", _form(place="", online="yes"))
    assert TrainingSession.objects.get().online


def test_staff_who_are_not_training_leads_cannot_add_sessions():
    response = signed_in(UserFactory(roles=[Role.PARTNER_OFFICER])).post(
        "/staff/programme/training/sessions/new/", _form()
    )
    assert response.status_code == 403
    assert not TrainingSession.objects.exists()


def test_a_lead_records_a_completion_for_their_agencys_person_audited():
    agency, lead = agency_with_lead()
    person = UserFactory(agency=agency)
    session = session_on(timezone.localdate() - timedelta(days=3), agency=agency, by=lead)
    response = signed_in(lead).post(
        f"/staff/programme/training/sessions/{session.pk}/attendance/",
        {"person": str(person.pk), "status": "completed", "completed_on": ""},
        follow=True,
    )
    assert "Attendance recorded" in response.content.decode()
    attendance = Attendance.objects.get()
    assert attendance.status == AttendanceStatus.COMPLETED
    assert attendance.completed_on == timezone.localdate() - timedelta(days=3)
    event = AuditEvent.objects.get(action=AuditAction.CREATE, object_id=str(attendance.pk))
    assert event.actor == lead and event.subject_ref == f"core.user:{person.pk}"


def test_a_lead_may_not_record_for_another_agencys_staff():
    agency, lead = agency_with_lead()
    outsider = UserFactory(agency=agency_with_lead(OLDHAM)[0])
    session = session_on(timezone.localdate() - timedelta(days=3), agency=agency, by=lead)
    # Not offered on the form, and refused if posted anyway...
    response = signed_in(lead).post(
        f"/staff/programme/training/sessions/{session.pk}/attendance/",
        {"person": str(outsider.pk), "status": "completed"},
    )
    assert "Select a person of your agency" in response.content.decode()
    # ...and refused by the action itself.
    with pytest.raises(PermissionDenied):
        record_attendance(actor=lead, session_id=session.pk, person_id=outsider.pk, status="completed")
    assert not Attendance.objects.exists()


def test_a_future_completion_date_is_refused():
    agency, lead = agency_with_lead()
    person = UserFactory(agency=agency)
    session = session_on(timezone.localdate() - timedelta(days=3), agency=agency, by=lead)
    response = signed_in(lead).post(
        f"/staff/programme/training/sessions/{session.pk}/attendance/",
        {
            "person": str(person.pk),
            "status": "completed",
            "completed_on": (timezone.localdate() + timedelta(days=5)).strftime("%d/%m/%Y"),
        },
    )
    assert "The completion date must be today or in the past" in response.content.decode()
    assert not Attendance.objects.exists()


def test_past_sessions_without_attendance_wait_for_the_lead():
    agency, lead = agency_with_lead()
    session_on(date.today() - timedelta(days=2), agency=agency, by=lead)
    session_on(date.today() + timedelta(days=2), agency=agency, by=lead, key="channel-awareness")
    page = signed_in(lead).get("/staff/").content.decode()
    assert "Training sessions waiting for attendance" in page
    assert "Record attendance: Prevent awareness" in page
    assert "Channel awareness" not in page
    other = UserFactory(agency=agency, roles=[Role.PARTNER_OFFICER])
    assert "Training sessions waiting for attendance" not in signed_in(other).get("/staff/").content.decode()


def test_a_full_session_takes_no_more_bookings():
    agency, lead = agency_with_lead()
    first, second = UserFactory(agency=agency), UserFactory(agency=agency)
    session = session_on(timezone.localdate() + timedelta(days=3), agency=agency, by=lead)
    TrainingSession.objects.filter(pk=session.pk).update(capacity=1)
    client = signed_in(lead)
    url = f"/staff/programme/training/sessions/{session.pk}/attendance/"
    client.post(url, {"person": str(first.pk), "status": "booked"})
    response = client.post(url, {"person": str(second.pk), "status": "booked"})
    assert "The session is full: all 1 places are taken" in response.content.decode()
    assert list(Attendance.objects.values_list("person", flat=True)) == [first.pk]
