"""Training coverage: of the front-line staff, how many completed each course and how many are
current on it (not overdue a refresher), per agency and per borough (the agency's areas), and who
is due or overdue a refresher.

A training lead sees their own agency, with the names of people due or overdue; someone who follows
the programme sees counts only (never a name) for the agencies serving their areas. Everything is
counted in the database: a fixed number of queries whatever the number of people or attendances.
The same rules as `training_rules` (current: the latest completion's refresher is not yet due) are
turned into a cut-off day per course, so the database compares dates only."""

import operator
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import reduce
from typing import cast

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone

from commonground.core import access, audit_reads
from commonground.core.access import Scope
from commonground.core.charts import BarSeries, Chart, bar_chart
from commonground.core.models import Agency, Area, User
from commonground.core.roles import Permission
from commonground.programme import training_rules
from commonground.programme.models import Attendance, AttendanceStatus, Course, FrontLineStaff
from commonground.programme.queries.training import is_training_lead

# The longest list of names a page shows: the earliest due first (the counts cover everyone).
PEOPLE_SHOWN = 200


def last_day_not_current(refresher_months: int, today: date) -> date:
    """The latest completion day whose refresher is due on or before `today`: exactly the
    completions after it (and not after today) are current (`training_rules.is_current`)."""
    day = training_rules.add_months(today, -refresher_months)
    while training_rules.refresher_due_on(day + timedelta(days=1), refresher_months) <= today:
        day += timedelta(days=1)
    while training_rules.refresher_due_on(day, refresher_months) > today:
        day -= timedelta(days=1)
    return day


@dataclass(frozen=True)
class CoverageRow:
    label: str
    staff: int
    trained: int
    current: int
    due_soon: int

    @property
    def overdue(self) -> int:
        return self.trained - self.current

    @property
    def current_percent(self) -> int | None:
        return None if self.staff == 0 else round(100 * self.current / self.staff)


@dataclass(frozen=True)
class PersonDue:
    person_id: int
    name: str
    course: str
    due_on: date
    overdue: bool


@dataclass
class CourseCoverage:
    course: Course
    by_agency: list[CoverageRow] = field(default_factory=list)
    by_borough: list[CoverageRow] = field(default_factory=list)


@dataclass
class TrainingCoverage:
    today: date
    with_names: bool
    agencies: list[str]
    courses: list[CourseCoverage]
    people_due: list[PersonDue]
    chart: Chart

    @property
    def people_due_count(self) -> int:
        """Person-and-course refreshers due within 30 days or overdue, in all (names list or not)."""
        return sum(row.due_soon + row.overdue for course in self.courses for row in course.by_agency)


def _agency_ids(scope: Scope) -> tuple[list[int], bool]:
    """The agencies this scope may count, and whether it may see names (a lead: their agency)."""
    if is_training_lead(scope):
        return [cast(int, scope.user.agency_id)], True  # a training lead always has an agency
    if scope.can(Permission.VIEW_PROGRAMME):
        agencies = Agency.objects.filter(is_active=True, areas__in=scope.area_ids).values_list(
            "pk", flat=True
        )
        return sorted(set(agencies)), False
    raise PermissionDenied("This needs the permission to lead an agency's training or follow the programme.")


def _front_line(scope: Scope, agency_ids: list[int], with_names: bool) -> QuerySet[FrontLineStaff]:
    # Counts only, never a row shown: the programme's followers count the agencies they follow.
    rows = access.visible(scope, FrontLineStaff) if with_names else FrontLineStaff.objects.all()
    return rows.filter(person__agency_id__in=agency_ids, person__is_active=True)


def _windows(courses: list[Course], today: date) -> tuple[Q, Q]:
    """Conditions on a completion: current today; still current in 30 days (so not due soon)."""
    current, later = Q(pk__in=[]), Q(pk__in=[])
    soon = today + timedelta(days=training_rules.DUE_SOON_DAYS)
    for course in courses:
        current |= Q(
            session__course=course, completed_on__gt=last_day_not_current(course.refresher_months, today)
        )
        later |= Q(
            session__course=course, completed_on__gt=last_day_not_current(course.refresher_months, soon)
        )
    return current, later


def _counts(completions: QuerySet[Attendance], group: str, current: Q, later: Q) -> dict:
    person = "person"
    rows = completions.values(group, "session__course").annotate(
        trained=Count(person, distinct=True),
        current=Count(person, distinct=True, filter=current),
        later=Count(person, distinct=True, filter=later),
    )
    return {(row[group], row["session__course"]): row for row in rows}


def _rows(staff: dict, counts: dict, labels: dict, course_id: int) -> list[CoverageRow]:
    rows = []
    for key, staff_count in staff.items():
        found = counts.get((key, course_id), {"trained": 0, "current": 0, "later": 0})
        rows.append(
            CoverageRow(
                labels.get(key, "Unknown"),
                staff_count,
                found["trained"],
                found["current"],
                found["current"] - found["later"],
            )
        )
    return sorted(rows, key=lambda row: row.label)


def _people_due(completions: QuerySet[Attendance], courses: list[Course], today: date) -> list[PersonDue]:
    """A lead's list: each person's latest completion per course whose refresher is due within 30
    days or overdue (one query)."""
    soon = today + timedelta(days=training_rules.DUE_SOON_DAYS)
    if not courses:
        return []
    # Conditions on grouped columns only: a condition on the row's own key would split the groups.
    due = reduce(
        operator.or_,
        (
            Q(session__course=course, latest__lte=last_day_not_current(course.refresher_months, soon))
            for course in courses
        ),
    )
    titles = {course.pk: course for course in courses}
    rows = list(
        completions.values("person", "session__course")
        .annotate(latest=Max("completed_on"))
        .filter(due)
        .order_by("latest", "person")[:PEOPLE_SHOWN]
    )
    # Names of the few shown, apart: grouping by them too would slow the count of everyone.
    names = {
        pk: f"{first} {last}".strip() or username
        for pk, first, last, username in User.objects.filter(
            pk__in={row["person"] for row in rows}
        ).values_list("pk", "first_name", "last_name", "username")
    }
    people = []
    for row in rows:
        course = titles[row["session__course"]]
        due_on = training_rules.refresher_due_on(row["latest"], course.refresher_months)
        people.append(
            PersonDue(
                row["person"],
                names[row["person"]],
                course.title,
                due_on,
                training_rules.is_overdue(due_on, today),
            )
        )
    return sorted(people, key=lambda person: (person.due_on, person.name))


def _chart(courses: list[CourseCoverage]) -> Chart:
    def share(course: CourseCoverage) -> float | None:
        staff = sum(row.staff for row in course.by_agency)
        return None if staff == 0 else round(100 * sum(row.current for row in course.by_agency) / staff, 1)

    return bar_chart(
        [course.course.title for course in courses],
        [BarSeries("Front-line staff trained and current (%)", [share(course) for course in courses])],
        title="Front-line staff trained and current, by course",
        desc="The share of front-line staff whose latest completion of each course is not overdue a refresher.",
        category_label="Course",
        value_label="Per cent of front-line staff",
        horizontal=True,
        value_format=lambda value: f"{value:g}%",
        tick_format=lambda value: f"{value:g}%",
        chart_id="training-coverage",
    )


def training_coverage(scope: Scope, today: date | None = None) -> TrainingCoverage:
    """Coverage per course, agency and borough, as this scope may see it; a lead's view names the
    people due or overdue, and that reading is recorded."""
    today = today or timezone.localdate()
    agency_ids, with_names = _agency_ids(scope)
    front_line = _front_line(scope, agency_ids, with_names)
    course_list = list(Course.objects.filter(is_active=True).order_by("title"))
    agencies = dict(Agency.objects.filter(pk__in=agency_ids).values_list("pk", "name"))
    staff_by_agency = dict(
        front_line.values("person__agency")
        .annotate(n=Count("person", distinct=True))
        .values_list("person__agency", "n")
    )
    # Each person works for one agency, so an area's figures are the sums of its agencies' figures.
    served = list(
        Agency.areas.through.objects.filter(agency_id__in=list(staff_by_agency)).values_list(
            "agency_id", "area_id"
        )
    )
    areas = dict(Area.objects.filter(pk__in={area for _, area in served}).values_list("pk", "name"))
    staff_by_area: dict = {}
    for agency_id, area_id in served:
        staff_by_area[area_id] = staff_by_area.get(area_id, 0) + staff_by_agency[agency_id]
    completions = Attendance.objects.filter(
        status=AttendanceStatus.COMPLETED,
        completed_on__lte=today,
        person__in=front_line.values("person"),
    )
    current, later = _windows(course_list, today)
    by_agency = _counts(completions, "person__agency", current, later)
    by_area: dict = {}
    for agency_id, area_id in served:
        for (agency, course_id), row in by_agency.items():
            if agency == agency_id:
                total = by_area.setdefault((area_id, course_id), {"trained": 0, "current": 0, "later": 0})
                for key in total:
                    total[key] += row[key]
    coverage = [
        CourseCoverage(
            course,
            _rows(staff_by_agency, by_agency, agencies, course.pk),
            _rows(staff_by_area, by_area, areas, course.pk),
        )
        for course in course_list
    ]
    people_due = _people_due(completions, course_list, today) if with_names else []
    if people_due:
        audit_reads.record_read(
            scope=scope,
            object_type="programme.trainingcoverage",
            object_repr="Training coverage: people due or overdue a refresher",
            shown=[User(pk=person.person_id) for person in people_due],
        )
    return TrainingCoverage(
        today, with_names, sorted(agencies.values()), coverage, people_due, _chart(coverage)
    )
