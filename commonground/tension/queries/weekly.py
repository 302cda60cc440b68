"""The weekly tension report: for one week (Monday to Sunday), the level of each borough and its
change since the week before, the wards at the top two levels, the trigger events in force, the
tension reports by category and borough, the response actions created, completed and overdue,
and the alerts raised. Everything comes through `access.visible`, so each reader's report covers
their own areas; a partnership-wide reader (the combined authority) sees the whole picture.

Producing the PDF is audited (`record_weekly_report_export`); reading the page is not, like the
dashboard: the report holds no personal data.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from commonground.core import access, audit
from commonground.core.access import Scope
from commonground.core.forms import DATE_FORMATS
from commonground.core.models import Area, AuditAction
from commonground.core.roles import Permission
from commonground.tension.models import (
    ActionStatus,
    Alert,
    ReportCategory,
    ResponseAction,
    TensionAssessment,
    TensionReport,
    TriggerEvent,
)
from commonground.tension.queries.dashboard import all_boroughs, areas_without_boundaries, monday_of, wards_of
from commonground.tension.queries.maps import LevelMap, latest_assessments, level_map, tension_scale

LISTED = 50  # reports and actions listed one by one; beyond that, counts only
WEEKLY_REPORT_OBJECT = "tension.weeklyreport"


def last_complete_week(today: date | None = None) -> date:
    """The Monday of the last week that has ended."""
    today = today or timezone.localdate()
    return monday_of(today) - timedelta(weeks=1)


def parse_week(text: str, *, today: date | None = None) -> date:
    """The Monday of the week holding the date given (day/month/year, or year-month-day as in the
    page's links). ValidationError for a date that cannot be read or a week not started yet."""
    today = today or timezone.localdate()
    day = None
    for date_format in DATE_FORMATS:
        try:
            day = datetime.strptime((text or "").strip(), date_format).date()
            break
        except ValueError:
            continue
    if day is None:
        raise ValidationError("Enter a day of the week as day/month/year, for example 16/11/2026")
    week = monday_of(day)
    if week > monday_of(today):
        raise ValidationError("The week must not be in the future")
    return week


@dataclass(frozen=True)
class BoroughChange:
    borough: Area
    now: TensionAssessment | None
    before: TensionAssessment | None
    in_scope: bool

    @property
    def change(self) -> str:
        if not self.in_scope:
            return "Not in your areas"
        if self.now is None:
            return "Not assessed"
        if self.before is None:
            return "First assessment"
        step = self.now.level.rank - self.before.level.rank
        if step > 0:
            return f"Up {step} from {self.before.level.rank} {self.before.level.name}"
        if step < 0:
            return f"Down {-step} from {self.before.level.rank} {self.before.level.name}"
        return "No change"


@dataclass(frozen=True)
class WeeklyReport:
    week_starting_on: date
    week_ending_on: date
    produced_at: datetime
    produced_for: str
    borough_map: LevelMap
    boroughs: list[BoroughChange]
    top_wards: list[TensionAssessment]
    top_level_names: list[str]
    events: list[TriggerEvent]
    report_count: int
    reports_by_category: list[tuple[str, int]]
    reports_by_borough: list[tuple[str, int]]
    reports: list[TensionReport]
    actions_created: list[ResponseAction]
    actions_completed: list[ResponseAction]
    actions_overdue: list[ResponseAction]
    alerts: list[Alert]


def _bounds(week: date) -> tuple[datetime, datetime]:
    start = timezone.make_aware(datetime.combine(week, time.min))
    return start, timezone.make_aware(datetime.combine(week + timedelta(weeks=1), time.min))


def _produced_for(scope: Scope) -> str:
    user = scope.user
    name = user.get_full_name() or user.get_username()
    return f"{name}, {user.agency.name}" if user.agency else name


def weekly_report(scope: Scope, week: date, *, now: datetime | None = None) -> WeeklyReport:
    """The report of the week starting on `week` (a Monday), as this reader may see it."""
    scope.require(Permission.VIEW_TENSION)
    week = monday_of(week)
    start, end = _bounds(week)
    now = now or timezone.now()
    scale = tension_scale()
    boroughs = all_boroughs()
    borough_map = level_map(
        scope,
        boroughs,
        title=f"Tension level by borough, week of {week:%-d %B %Y}",
        scale=scale,
        on_or_before=week,
        show_labels=True,
        chart_id="weekly-map-boroughs",
    )
    before = latest_assessments(scope, boroughs, on_or_before=week - timedelta(weeks=1))
    changes = [
        BoroughChange(
            borough=row.area, now=row.assessment, before=before.get(row.area.pk), in_scope=row.in_scope
        )
        for row in borough_map.rows
    ]

    top_ranks = {level.rank for level in scale[-2:]}
    wards = [ward for ward in wards_of(None) if scope.covers_area(ward)]
    ward_levels = latest_assessments(scope, wards, on_or_before=week)
    names = {ward.pk: ward for ward in wards}
    top_wards = sorted(
        (a for a in ward_levels.values() if a.level.rank in top_ranks),
        key=lambda a: (-a.level.rank, str(names[a.area_id].parent), names[a.area_id].name),
    )
    for assessment in top_wards:
        assessment.area = names[assessment.area_id]

    events = list(
        access.visible(scope, TriggerEvent)
        .filter(starts_on__lt=week + timedelta(weeks=1))
        .filter(Q(ends_on__gte=week) | Q(ends_on__isnull=True, starts_on__gte=week))
        .prefetch_related(areas_without_boundaries())
        .order_by("starts_on", "title")
    )

    in_week = access.visible(scope, TensionReport).filter(observed_at__gte=start, observed_at__lt=end)
    category_counts: Counter = Counter(in_week.order_by().values_list("category", flat=True))
    links = TensionReport.areas.through.objects.filter(tensionreport_id__in=in_week.values("pk")).values_list(
        "tensionreport_id", "area__level", "area__name", "area__parent__name"
    )
    per_borough: dict[str, set[int]] = {}
    for report_id, level, name, parent in links:
        borough = name if level == "borough" else parent if level == "ward" else None
        if borough:
            per_borough.setdefault(borough, set()).add(report_id)
    labels = dict(ReportCategory.choices)
    reports = list(
        in_week.order_by("observed_at", "pk").prefetch_related(areas_without_boundaries())[:LISTED]
    )

    actions = (
        access.visible(scope, ResponseAction).select_related("area", "owner_agency").defer("area__boundary")
    )
    created = list(
        actions.filter(created_at__gte=start, created_at__lt=end).order_by("created_at", "pk")[:LISTED]
    )
    completed = list(
        actions.filter(status=ActionStatus.DONE, completed_at__gte=start, completed_at__lt=end).order_by(
            "completed_at", "pk"
        )[:LISTED]
    )
    cut_off = min(end, now)
    overdue = list(
        actions.filter(due_at__lt=cut_off)
        .exclude(status=ActionStatus.CANCELLED)
        .filter(Q(completed_at__isnull=True) | Q(completed_at__gt=cut_off))
        .filter(created_at__lt=end)
        .order_by("due_at", "pk")[:LISTED]
    )
    alerts = list(
        access.visible(scope, Alert)
        .filter(raised_at__gte=start, raised_at__lt=end)
        .select_related("area")
        .defer("area__boundary")
        .order_by("raised_at", "pk")
    )
    return WeeklyReport(
        week_starting_on=week,
        week_ending_on=week + timedelta(days=6),
        produced_at=now,
        produced_for=_produced_for(scope),
        borough_map=borough_map,
        boroughs=changes,
        top_wards=top_wards,
        top_level_names=[f"{level.rank} {level.name}" for level in scale[-2:]],
        events=events,
        report_count=sum(category_counts.values()),
        reports_by_category=[
            (labels.get(key, key), n) for key, n in sorted(category_counts.items(), key=lambda kv: -kv[1])
        ],
        reports_by_borough=sorted(
            ((name, len(ids)) for name, ids in per_borough.items()), key=lambda kv: kv[0]
        ),
        reports=reports,
        actions_created=created,
        actions_completed=completed,
        actions_overdue=overdue,
        alerts=alerts,
    )


def record_weekly_report_export(
    scope: Scope, report: WeeklyReport, *, document: str = "weekly report PDF"
) -> None:
    """Producing the PDF is an export: one audit event, in a transaction of its own."""
    with transaction.atomic():
        audit.record(
            actor=scope.user,
            action=AuditAction.EXPORT,
            object_type=WEEKLY_REPORT_OBJECT,
            object_id=report.week_starting_on.isoformat(),
            object_repr=f"Weekly tension report, week of {report.week_starting_on:%-d %B %Y}",
            changes={"document": document},
        )
