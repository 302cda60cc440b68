"""Front-line training's writes: a training lead adds sessions for their agency, records who
attended and completed (only for their own agency's people), and marks who counts as front-line
staff; a completion's certificate is produced for the person or their lead, and audited."""

from dataclasses import dataclass
from datetime import date, datetime
from typing import cast

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from commonground.core import audit
from commonground.core.access import scope_for
from commonground.core.actions.moves import make_move
from commonground.core.models import AuditAction, User
from commonground.core.pdf import pdf_from_html
from commonground.core.policy import row_to_act_on
from commonground.core.roles import Permission
from commonground.programme.models import (
    Attendance,
    AttendanceStatus,
    Course,
    FrontLineStaff,
    TrainingSession,
)
from commonground.programme.queries.training import completion_for_certificate
from commonground.programme.record_workflows import ATTENDANCE

NOT_YOUR_AGENCY = "You can only record training for people of your own agency."
MAX_CAPACITY = 1000


def _lead_agency_id(actor: User) -> int:
    scope_for(actor).require(Permission.LEAD_AGENCY_TRAINING)
    if actor.agency_id is None:
        raise PermissionDenied("A training lead works for an agency: ask an administrator to set yours.")
    return actor.agency_id


@dataclass
class SessionDetails:
    course: Course | None
    starts_at: datetime | None
    ends_at: datetime | None
    capacity: int | None
    online: bool = False
    place: str = ""
    trainer: User | None = None
    trainer_name: str = ""


def check_session(details: SessionDetails) -> None:
    """Refuse a session that cannot be right, naming each field to correct."""
    errors: dict[str, str] = {}
    if details.course is None:
        errors["course"] = "Select the course"
    if details.starts_at is None:
        errors["starts_at"] = "Enter when the session starts"
    if details.ends_at is None:
        errors["ends_at"] = "Enter when the session ends"
    elif details.starts_at is not None and details.ends_at < details.starts_at:
        errors["ends_at"] = "The session must end after it starts"
    if details.capacity is None or details.capacity < 1:
        errors["capacity"] = "Enter how many people can attend: at least 1"
    elif details.capacity > MAX_CAPACITY:
        errors["capacity"] = f"A session can have at most {MAX_CAPACITY} places"
    if not details.online and not details.place.strip():
        errors["place"] = "Enter where the session is held, or say it is online"
    if errors:
        raise ValidationError(errors)


def add_session(*, actor: User, details: SessionDetails) -> TrainingSession:
    """A session of a course, organised by the lead's own agency."""
    agency_id = _lead_agency_id(actor)
    check_session(details)
    with transaction.atomic():
        # check_session refused a session without a course, times or capacity.
        session = TrainingSession.objects.create(
            course=cast(Course, details.course),
            starts_at=cast(datetime, details.starts_at),
            ends_at=cast(datetime, details.ends_at),
            online=details.online,
            place=details.place.strip(),
            trainer=details.trainer,
            trainer_name="" if details.trainer else details.trainer_name.strip(),
            organising_agency_id=agency_id,
            capacity=cast(int, details.capacity),
            created_by=actor,
        )
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=session,
            changes={
                "course": details.course.key if details.course else "",
                "starts_at": details.starts_at,
                "ends_at": details.ends_at,
                "online": details.online,
                "capacity": details.capacity,
            },
        )
    return session


def _check_attendance(status: str, completed_on: date | None, session: TrainingSession) -> date | None:
    if status not in AttendanceStatus.values:
        raise ValidationError({"status": "Select whether they were booked, attended, completed or absent"})
    if status != AttendanceStatus.COMPLETED:
        return None
    completed_on = completed_on or timezone.localtime(session.ends_at).date()
    if completed_on > timezone.localdate():
        raise ValidationError({"completed_on": "The completion date must be today or in the past"})
    if completed_on < timezone.localtime(session.starts_at).date():
        raise ValidationError({"completed_on": "The completion date must be on or after the session's start"})
    return completed_on


def record_attendance(
    *, actor: User, session_id: int, person_id: int, status: str, completed_on: date | None = None
) -> Attendance:
    """Book, or record the attendance or completion of, one person of the lead's agency."""
    agency_id = _lead_agency_id(actor)
    session = row_to_act_on(TrainingSession.objects.all(), session_id, "This session does not exist.")
    person = row_to_act_on(
        User.objects.filter(agency_id=agency_id, is_active=True), person_id, NOT_YOUR_AGENCY
    )
    completed_on = _check_attendance(status, completed_on, session)
    with transaction.atomic():
        attendance = Attendance.objects.filter(session=session, person=person).first()
        if attendance is None and status != AttendanceStatus.ABSENT:
            _require_a_place(session)
        before = (
            {}
            if attendance is None
            else {"status": attendance.status, "completed_on": attendance.completed_on}
        )
        attendance = apply_attendance(
            attendance or Attendance(session=session, person=person), status, completed_on, actor=actor
        )
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE if before else AuditAction.CREATE,
            obj=attendance,
            subject=person,
            changes=audit.diff(before, {"status": status, "completed_on": completed_on}),
        )
    return attendance


def _require_a_place(session: TrainingSession) -> None:
    """A new place only while the session has one free (the session's row locked while counting)."""
    TrainingSession.objects.select_for_update().filter(pk=session.pk).first()
    taken = Attendance.objects.filter(session=session).exclude(status=AttendanceStatus.ABSENT).count()
    if taken >= session.capacity:
        raise ValidationError(
            {
                "person": f"The session is full: all {session.capacity} places are taken. Choose another session."
            }
        )


def apply_attendance(
    attendance: Attendance, status: str, completed_on: date | None, *, actor: User
) -> Attendance:
    """Save a place (booked when new), then move it to `status` through the attendance table
    (booked → attended, completed or absent; attended → completed), inside the caller's transaction."""
    attendance.recorded_by, attendance.recorded_at = actor, timezone.now()
    if attendance.pk is None:
        attendance.save()
    attendance.completed_on = completed_on
    also = ["completed_on", "recorded_by", "recorded_at"]
    if status == attendance.status:
        attendance.save(update_fields=also)
    else:
        make_move(attendance, ATTENDANCE, status, also=also, error_field="status")
    return attendance


def mark_front_line(*, actor: User, person_id: int, front_line: bool) -> bool:
    """Count (or stop counting) a person of the lead's agency as front-line staff. Returns whether
    anything changed."""
    agency_id = _lead_agency_id(actor)
    person = row_to_act_on(User.objects.filter(agency_id=agency_id), person_id, NOT_YOUR_AGENCY)
    with transaction.atomic():
        existing = FrontLineStaff.objects.filter(person=person).first()
        if front_line and existing is None:
            marked = FrontLineStaff.objects.create(person=person, marked_by=actor)
            audit.record(actor=actor, action=AuditAction.CREATE, obj=marked, subject=person)
            return True
        if not front_line and existing is not None:
            audit.record(actor=actor, action=AuditAction.DELETE, obj=existing, subject=person)
            existing.delete()
            return True
    return False


def certificate_pdf(*, actor: User, attendance_id: int) -> tuple[str, bytes]:
    """A certificate of one completion, for the person or their agency's lead (anyone else: 404);
    its production is audited."""
    attendance = completion_for_certificate(scope_for(actor), attendance_id)
    html = render_to_string("programme/training/certificate_pdf.html", {"attendance": attendance})
    document = pdf_from_html(html)
    with transaction.atomic():
        audit.record(
            actor=actor,
            action=AuditAction.EXPORT,
            obj=attendance,
            subject=attendance.person,
            object_repr="Training certificate",
        )
    filename = f"certificate-{attendance.session.course.key}-{attendance.completed_on:%Y-%m-%d}.pdf"
    return filename, document
