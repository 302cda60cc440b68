"""The evidence beside an assessment: for one area and week, the tension reports and report-line
hate incidents against their 12-week baseline, the open response actions, the trigger events in
force, and the area's previous assessments.

A fixed number of queries whatever the data holds: counts are aggregated per week in the
database (on the indexed `observed_at` and `submitted_at`), and only short lists come back.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count
from django.db.models.functions import TruncWeek
from django.utils import timezone

from commonground.core import access
from commonground.core.access import Scope
from commonground.core.models import Area, AreaLevel
from commonground.reports import queries as report_queries
from commonground.tension import baseline
from commonground.tension.models import ResponseAction, TensionAssessment, TensionReport, TriggerEvent
from commonground.tension.queries.assessments import assessments_visible_to
from commonground.tension.queries.events import trigger_events_in_period
from commonground.tension.queries.responses import open_actions_in

PREVIOUS_ASSESSMENTS_SHOWN = 8
ACTIONS_SHOWN = 10
REPORTS_SHOWN = 10


@dataclass(frozen=True)
class WeeklyCounts:
    """A count for the week assessed against the mean of the 12 weeks before it."""

    this_week: int
    previous_weeks: list[tuple[date, int]]  # oldest first

    @property
    def baseline_mean(self) -> float:
        return baseline.baseline_mean([count for _, count in self.previous_weeks])

    @property
    def test(self) -> baseline.BaselineTest:
        return baseline.test_against_baseline(self.this_week, [count for _, count in self.previous_weeks])

    @property
    def difference(self) -> float:
        return self.this_week - self.baseline_mean


@dataclass(frozen=True)
class Evidence:
    area: Area
    week_starting_on: date
    reports: WeeklyCounts
    hate_incidents: WeeklyCounts
    recent_reports: list[TensionReport]
    open_actions: list[ResponseAction]
    open_action_count: int
    trigger_events: list[TriggerEvent]
    previous_assessments: list[TensionAssessment]

    @property
    def week_ending_on(self) -> date:
        return self.week_starting_on + timedelta(days=6)

    @property
    def combined(self) -> WeeklyCounts:
        by_week = dict(self.reports.previous_weeks)
        return WeeklyCounts(
            this_week=self.reports.this_week + self.hate_incidents.this_week,
            previous_weeks=[
                (week, by_week.get(week, 0) + count) for week, count in self.hate_incidents.previous_weeks
            ],
        )


def _area_ids(area: Area) -> list[int]:
    """The area and, for a borough, its wards: reports tagged with a ward count for its borough."""
    if area.level == AreaLevel.BOROUGH:
        return [area.pk, *Area.objects.filter(parent=area).values_list("pk", flat=True)]
    return [area.pk]


def _weekly(counts: dict[date, int], week: date) -> WeeklyCounts:
    return WeeklyCounts(
        this_week=counts.get(week, 0),
        previous_weeks=[(previous, counts.get(previous, 0)) for previous in baseline.baseline_weeks(week)],
    )


def _bounds(week: date) -> tuple[date, datetime, datetime]:
    first = baseline.baseline_weeks(week)[0]
    start = timezone.make_aware(datetime.combine(first, time.min))
    end = timezone.make_aware(datetime.combine(week + timedelta(days=7), time.min))
    return first, start, end


def _week_of(value) -> date:
    return value.date() if isinstance(value, datetime) else value


def _report_counts(scope: Scope, area_ids: list[int], week: date) -> dict[date, int]:
    """Reports per week, each once however many of the areas it names. Joined from the reports in
    the 13 weeks (the `observed_at` index) to their areas, not the other way round: an area holds
    years of reports, the 13 weeks only a few thousand across Greater Manchester."""
    _, start, end = _bounds(week)
    rows = (
        access.visible(scope, TensionReport)
        .filter(observed_at__gte=start, observed_at__lt=end, areas__in=area_ids)
        .annotate(week=TruncWeek("observed_at"))
        .values("week")
        .annotate(count=Count("pk", distinct=True))
        .values_list("week", "count")
    )
    return {_week_of(week_of): count for week_of, count in rows}


def _hate_incident_counts(area: Area, week: date) -> dict[date, int]:
    first, _, _ = _bounds(week)
    field = "borough_ids" if area.level == AreaLevel.BOROUGH else "ward_ids"
    counts = report_queries.hate_incident_weekly_counts(
        since=first, until=week + timedelta(days=7), **{field: [area.pk]}
    )
    return {week_of: count for (_, week_of), count in counts.items()}


def evidence_for(scope: Scope, area: Area, week_starting_on: date) -> Evidence:
    """The evidence for assessing `area` (in scope: the caller has checked) in the week starting
    `week_starting_on`."""
    week = baseline.week_starting(week_starting_on)
    area_ids = _area_ids(area)
    _, _, end = _bounds(week)
    recent = list(
        access.visible(scope, TensionReport)
        .filter(
            pk__in=TensionReport.areas.through.objects.filter(area_id__in=area_ids).values(
                "tensionreport_id"
            ),
            observed_at__gte=end - timedelta(days=7),
            observed_at__lt=end,
        )
        .order_by("-observed_at")[:REPORTS_SHOWN]
    )
    actions = open_actions_in(scope, area_ids)
    shown_actions = list(actions[:ACTIONS_SHOWN])
    action_count = actions.count()
    return Evidence(
        area=area,
        week_starting_on=week,
        reports=_weekly(_report_counts(scope, area_ids, week), week),
        hate_incidents=_weekly(_hate_incident_counts(area, week), week),
        recent_reports=recent,
        open_actions=shown_actions,
        open_action_count=action_count,
        trigger_events=list(trigger_events_in_period(scope, week, week + timedelta(days=6), area)),
        previous_assessments=list(
            assessments_visible_to(scope, area=area).filter(week_starting_on__lte=week)[
                :PREVIOUS_ASSESSMENTS_SHOWN
            ]
        ),
    )
