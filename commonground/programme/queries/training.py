"""Reads of front-line training: sessions (all staff), a person's record (their own; their agency's
training lead), and what waits on the staff home. Coverage is in `training_coverage`."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Max, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from commonground.core import access, audit_reads
from commonground.core.access import Scope
from commonground.core.models import User
from commonground.core.roles import Permission
from commonground.programme import training_rules
from commonground.programme.models import (
    Attendance,
    AttendanceStatus,
    Course,
    FrontLineStaff,
    TrainingSession,
)


def courses() -> QuerySet[Course]:
    return Course.objects.filter(is_active=True).order_by("title")


def is_training_lead(scope: Scope) -> bool:
    return scope.can(Permission.LEAD_AGENCY_TRAINING) and scope.user.agency_id is not None


# --- Sessions -------------------------------------------------------------------------------------


def sessions(scope: Scope, *, upcoming: bool) -> QuerySet[TrainingSession]:
    rows = access.visible(scope, TrainingSession).select_related("course", "organising_agency", "trainer")
    now = timezone.now()
    if upcoming:
        return rows.filter(ends_at__gte=now).order_by("starts_at")
    return rows.filter(ends_at__lt=now).order_by("-starts_at")


def open_session(scope: Scope, session_id: int) -> TrainingSession:
    return access.get_visible_or_404(
        scope,
        TrainingSession.objects.select_related("course", "organising_agency", "trainer", "created_by"),
        pk=session_id,
    )


def session_attendances(scope: Scope, session: TrainingSession) -> list[Attendance]:
    """Whom the session lists that this scope may see (their own booking; a lead, the agency's),
    the reading recorded."""
    rows = list(
        access.visible(scope, Attendance)
        .filter(session=session)
        .select_related("person")
        .order_by("person__last_name", "person__first_name")
    )
    if rows and any(row.person_id != scope.user.pk for row in rows):
        audit_reads.record_list_view(scope=scope, records=rows, list_name=f"Attendance at {session}")
    return rows


def may_record_attendance(scope: Scope, session: TrainingSession) -> bool:
    return is_training_lead(scope)


def people_of_lead_agency(scope: Scope) -> QuerySet[User]:
    """Whom a training lead may record attendance for: the active people of their agency."""
    if not is_training_lead(scope):
        return User.objects.none()
    return User.objects.filter(agency=scope.user.agency, is_active=True).order_by(
        "last_name", "first_name", "username"
    )


# --- A person's record ------------------------------------------------------------------------------


@dataclass(frozen=True)
class RefresherRow:
    course: Course
    completed_on: date
    due_on: date
    overdue: bool
    due_soon: bool


@dataclass(frozen=True)
class TrainingRecord:
    person: User
    attendances: list[Attendance]
    refreshers: list[RefresherRow]
    front_line: bool


def person_to_read(scope: Scope, user_id: int) -> User:
    """The person whose record this scope may open: themself, or (a lead) someone of their agency.
    Anyone else answers 404, as if they did not exist."""
    if user_id == scope.user.pk:
        return scope.user
    if not is_training_lead(scope):
        raise Http404("Not found")
    person = User.objects.filter(pk=user_id, agency=scope.user.agency).select_related("agency").first()
    if person is None:
        raise Http404("Not found")
    return person


def _refresher_rows(attendances: list[Attendance], today: date) -> list[RefresherRow]:
    by_course = {a.session.course_id: a.session.course for a in attendances}
    completions = [
        training_rules.Completion(a.person_id, a.session.course_id, a.completed_on)
        for a in attendances
        if a.status == AttendanceStatus.COMPLETED and a.completed_on is not None
    ]
    months = {pk: course.refresher_months for pk, course in by_course.items()}
    latest = training_rules.latest_completions(completions, today)
    rows = []
    for refresher in training_rules.refreshers(completions, months, today):
        rows.append(
            RefresherRow(
                course=by_course[refresher.course],
                completed_on=latest[(refresher.person, refresher.course)],
                due_on=refresher.due_on,
                overdue=training_rules.is_overdue(refresher.due_on, today),
                due_soon=training_rules.is_due_soon(refresher.due_on, today),
            )
        )
    return rows


def training_record(scope: Scope, person: User, today: date | None = None) -> TrainingRecord:
    """A person's attendances and refreshers; another person's reading is recorded."""
    today = today or timezone.localdate()
    attendances = list(
        access.visible(scope, Attendance)
        .filter(person=person)
        .select_related("session__course", "session__organising_agency")
        .order_by("-session__starts_at")
    )
    front_line = access.visible(scope, FrontLineStaff).filter(person=person).exists()
    if person.pk != scope.user.pk:
        audit_reads.record_read(scope=scope, obj=person, subject=person, object_repr="Training record")
    return TrainingRecord(person, attendances, _refresher_rows(attendances, today), front_line)


def completion_for_certificate(scope: Scope, attendance_id: int) -> Attendance:
    """A completion the scope may download a certificate of (the person's own, their lead's)."""
    return access.get_visible_or_404(
        scope,
        Attendance.objects.select_related("person", "session__course", "session__organising_agency").filter(
            status=AttendanceStatus.COMPLETED
        ),
        pk=attendance_id,
    )


# --- Waiting for you ------------------------------------------------------------------------------------


def sessions_awaiting_attendance(scope: Scope) -> QuerySet[TrainingSession]:
    """A lead's agency's past sessions where no attendance is recorded, or someone is still booked."""
    if not is_training_lead(scope):
        return TrainingSession.objects.none()
    return (
        access.visible(scope, TrainingSession)
        .filter(organising_agency_id=scope.user.agency_id, ends_at__lt=timezone.now())
        .filter(Q(attendances__isnull=True) | Q(attendances__status=AttendanceStatus.BOOKED))
        .select_related("course")
        .distinct()
        .order_by("starts_at")
    )


def own_refreshers_due(scope: Scope, today: date | None = None) -> list[training_rules.Refresher]:
    """One's own refreshers due within 30 days or overdue (one query)."""
    today = today or timezone.localdate()
    latest = (
        access.visible(scope, Attendance)
        .filter(person=scope.user, status=AttendanceStatus.COMPLETED)
        .values("session__course", "session__course__refresher_months")
        .annotate(latest=Max("completed_on"))
    )
    due = []
    for row in latest:
        due_on = training_rules.refresher_due_on(row["latest"], row["session__course__refresher_months"])
        if due_on <= today + timedelta(days=training_rules.DUE_SOON_DAYS):
            due.append(training_rules.Refresher(scope.user.pk, row["session__course"], due_on))
    return sorted(due, key=lambda refresher: refresher.due_on)


def course_titles() -> dict[int, str]:
    return dict(Course.objects.values_list("pk", "title"))
