"""Shared set-up of the training tests: an agency with its training lead and staff, sessions and
completions written straight to the database (the actions are tested on their own)."""

from datetime import date, datetime, time

from django.utils import timezone

from commonground.core.roles import Role
from commonground.programme.models import (
    Attendance,
    AttendanceStatus,
    Course,
    FrontLineStaff,
    TrainingSession,
)
from tests.factories import AgencyFactory, UserFactory

BOLTON = "E08000001"
OLDHAM = "E08000004"


def agency_with_lead(area=BOLTON, name=None):
    agency = AgencyFactory(serves=[area], **({"name": name} if name else {}))
    lead = UserFactory(agency=agency, roles=[Role.TRAINING_LEAD])
    return agency, lead


def course(key="prevent-awareness") -> Course:
    return Course.objects.get(key=key)


def session_on(day: date, *, agency, by, key="prevent-awareness") -> TrainingSession:
    starts = timezone.make_aware(datetime.combine(day, time(10, 0)))
    return TrainingSession.objects.create(
        course=course(key),
        starts_at=starts,
        ends_at=starts.replace(hour=12),
        place="Town hall",
        organising_agency=agency,
        capacity=20,
        created_by=by,
    )


def completed(person, session, on: date | None = None, *, by) -> Attendance:
    return Attendance.objects.create(
        session=session,
        person=person,
        status=AttendanceStatus.COMPLETED,
        completed_on=on or timezone.localtime(session.starts_at).date(),
        recorded_by=by,
    )


def front_line(*people, by):
    for person in people:
        FrontLineStaff.objects.create(person=person, marked_by=by)
