"""Importing a trainer's attendance file: every row checked first (the person is of the lead's
agency, the course and the session exist, the dates make sense), then all rows saved in one
transaction, or none if any row is wrong, with each wrong row listed by its line."""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone

from commonground.core import audit
from commonground.core.models import AuditAction, User
from commonground.programme.actions.training import _lead_agency_id, apply_attendance
from commonground.programme.models import Attendance, Course, TrainingSession
from commonground.programme.record_workflows import ATTENDANCE
from commonground.programme.training_import import ImportRow, RowProblem, decode, parse_attendance


class ImportRefused(Exception):
    def __init__(self, problems: list[RowProblem]):
        super().__init__(f"{len(problems)} rows need correcting")
        self.problems = sorted(problems, key=lambda problem: problem.line)


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int


def _people(rows: list[ImportRow]) -> dict[str, User]:
    wanted = {row.person.lower() for row in rows}
    found = User.objects.annotate(email_lower=Lower("email"), username_lower=Lower("username")).filter(
        Q(email_lower__in=wanted) | Q(username_lower__in=wanted)
    )
    people: dict[str, User] = {}
    for person in found:
        for key in (person.email_lower, person.username_lower):
            if key in wanted:
                people.setdefault(key, person)
    return people


def _courses() -> dict[str, Course]:
    courses: dict[str, Course] = {}
    for course in Course.objects.all():
        courses[course.key.lower()] = course
        courses[course.title.lower()] = course
    return courses


def _sessions(courses: set[Course], rows: list[ImportRow]) -> dict[tuple[int, object], TrainingSession]:
    days = {row.session_on for row in rows}
    found = TrainingSession.objects.filter(course__in=courses, starts_at__date__in=days).order_by("starts_at")
    sessions: dict[tuple[int, object], TrainingSession] = {}
    for session in found:
        sessions.setdefault((session.course_id, timezone.localtime(session.starts_at).date()), session)
    return sessions


def _resolve(rows: list[ImportRow], agency_id: int):
    people, courses = _people(rows), _courses()
    sessions = _sessions({c for row in rows if (c := courses.get(row.course.lower()))}, rows)
    today = timezone.localdate()
    resolved, problems = [], []
    for row in rows:
        person, course = people.get(row.person.lower()), courses.get(row.course.lower())
        if person is None:
            problems.append(RowProblem(row.line, f"nobody with the email or username '{row.person}'"))
        elif person.agency_id != agency_id:
            problems.append(RowProblem(row.line, f"'{row.person}' does not work for your agency"))
        elif course is None:
            problems.append(RowProblem(row.line, f"no course called '{row.course}'"))
        elif (session := sessions.get((course.pk, row.session_on))) is None:
            problems.append(
                RowProblem(
                    row.line, f"no session of {course.title} on {row.session_on:%d/%m/%Y}: add it first"
                )
            )
        elif row.completed_on is not None and row.completed_on > today:
            problems.append(RowProblem(row.line, "the completed date is in the future"))
        else:
            resolved.append((row, person, session))
    return resolved, problems


def import_attendance(*, actor: User, data: bytes) -> ImportResult:
    """Save every row of the file, or none: `ImportRefused` lists each wrong row. A `FileRefused`
    (from `training_import`) says the file as a whole cannot be read."""
    agency_id = _lead_agency_id(actor)
    rows, problems = parse_attendance(decode(data))
    resolved, more = _resolve(rows, agency_id)
    problems += more
    if problems:
        raise ImportRefused(problems)
    if not resolved:
        raise ImportRefused([RowProblem(1, "the file has no rows after its first line")])
    existing = {
        (a.session_id, a.person_id): a
        for a in Attendance.objects.filter(
            session__in={session for _, _, session in resolved},
            person__in={person for _, person, _ in resolved},
        )
    }
    moves_refused = [
        RowProblem(
            row.line,
            f"already recorded as {attendance.get_status_display().lower()}: it cannot become {row.status}",
        )
        for row, person, session in resolved
        if (attendance := existing.get((session.pk, person.pk))) is not None
        and row.status != attendance.status
        and not ATTENDANCE.can(attendance.status, row.status)
    ]
    if moves_refused:
        raise ImportRefused(moves_refused)
    created = updated = 0
    with transaction.atomic():
        for row, person, session in resolved:
            attendance = existing.get((session.pk, person.pk))
            if attendance is None:
                created += 1
                attendance = Attendance(session=session, person=person)
            else:
                updated += 1
            apply_attendance(attendance, row.status, row.completed_on, actor=actor)
        audit.record_each(
            actor=actor,
            action=AuditAction.UPDATE,
            subject_refs=sorted({audit.subject_ref_of(person) for _, person, _ in resolved}),
            changes={"imported": "attendance file", "created": created, "updated": updated},
        )
    return ImportResult(created, updated)
