"""Spike detection: weekly counts of hate incidents per borough and hostility strand (and all
strands together), assessed by a public-health surveillance method (surveillance.detect_spikes).

Counting is two queries over the whole history needed; the assessment is pure Python and takes
seconds to tens of seconds for every borough and strand (Farrington fits a model for every week of
every series). So it is never done in a web request: the worker works it out (the daily spike alert
task for every method, or a refresh asked for by the page) and keeps it in the shared cache, where
every web process reads it. The page shows the last result with when it was worked out, each user
seeing only the boroughs in their scope; when there is none, or it is for an earlier week, the page
asks for a refresh (`actions.spikes`) and says the figures are being worked out."""

from collections import defaultdict
from collections.abc import Hashable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import cast

from django.core.cache import cache
from django.db.models import Count
from django.db.models.functions import TruncWeek
from django.utils import timezone

from commonground.core.access import Scope
from commonground.core.models import Area
from commonground.insights import surveillance
from commonground.insights.queries.dashboards.common import as_date
from commonground.reports.models import HostilityStrand, Report, ReportKind

WEEKS_SHOWN = 104
ROWS_SHOWN = 200
CACHE_SECONDS = 24 * 60 * 60
# The last result of each method is kept longer, to show (with its time) while the next is worked out.
LAST_RESULT_SECONDS = 14 * 24 * 60 * 60
ALL_STRANDS = "all"
METHODS = {
    surveillance.Method.FARRINGTON.value: "Farrington (same weeks in up to 3 earlier years)",
    surveillance.Method.EARS_C1.value: "EARS C1 (the 7 weeks before)",
    surveillance.Method.EARS_C2.value: "EARS C2 (7 weeks before a 2-week gap)",
    surveillance.Method.EARS_C3.value: "EARS C3 (C2 over the last 3 weeks)",
}
# Three earlier years are enough for a seasonal baseline and keep the page quick to work out.
FARRINGTON = surveillance.FarringtonSettings(years=3)


@dataclass(frozen=True)
class SpikeRow:
    borough: Area
    strand: str  # a strand's label, or "All strands"
    strand_code: str
    week_start: date
    count: int
    expected: float
    threshold: float
    method: str


@dataclass(frozen=True)
class SpikesPage:
    method: str
    method_label: str
    first_week: date
    last_week: date
    rows: tuple[SpikeRow, ...]  # the newest ROWS_SHOWN
    spikes_found: int
    series_assessed: int
    not_enough_history: int
    worked_out_at: datetime | None  # None: not worked out yet
    # No result for the latest complete week: one is asked for (the page shows any earlier one).
    needs_refresh: bool = False

    @property
    def is_empty(self) -> bool:
        return not self.rows

    @property
    def worked_out_today(self) -> bool:
        return (
            self.worked_out_at is not None and timezone.localdate(self.worked_out_at) == timezone.localdate()
        )


def latest_complete_week(today: date | None = None) -> date:
    """The Monday of the last week that has ended."""
    today = today or timezone.localdate()
    return today - timedelta(days=today.weekday(), weeks=1)


def _history_weeks(method: str) -> int:
    if method == surveillance.Method.FARRINGTON:
        return WEEKS_SHOWN + surveillance.WEEKS_PER_YEAR * FARRINGTON.years + FARRINGTON.half_window
    return WEEKS_SHOWN + 7 + 2 + 2  # EARS: baseline, guard band and C3's two weeks before


def weekly_counts(*, since: date, last_week: date) -> dict[tuple[int, str], dict[date, int]]:
    """{(borough id, strand code or ALL_STRANDS): {week: incidents}} from `since` to the end of
    `last_week`. A report with two strands counts once in each, and once in all strands. Two queries."""
    start = timezone.make_aware(datetime.combine(since, time.min))
    end = timezone.make_aware(datetime.combine(last_week + timedelta(days=7), time.min))
    reports = Report.objects.filter(
        kind=ReportKind.HATE_INCIDENT, submitted_at__gte=start, submitted_at__lt=end, borough__isnull=False
    )
    series: dict[tuple[int, str], dict[date, int]] = defaultdict(dict)
    totals = (
        reports.annotate(week=TruncWeek("submitted_at"))
        .values("borough_id", "week")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in totals:
        series[(row["borough_id"], ALL_STRANDS)][as_date(row["week"])] = row["n"]
    links = (
        # The plugin misses annotations on an auto-created through model.
        Report.strands.through.objects.filter(report__in=reports)  # type: ignore[misc]
        .annotate(week=TruncWeek("report__submitted_at"))
        .values("report__borough_id", "hostilitystrand__code", "week")
        .annotate(n=Count("report_id"))
        .order_by()
    )
    for row in links:
        key = (row["report__borough_id"], row["hostilitystrand__code"])
        series[key][as_date(row["week"])] = row["n"]
    return series


def last_result_key(method: str) -> str:
    return f"insights:spikes:{method}:last"


def detect(*, method: str, last_week: date) -> tuple[surveillance.SpikeDetection, int, datetime]:
    """Every borough and strand assessed up to `last_week` (cached for a day), how many series
    were assessed, and when. Slow: for the worker, never a web request."""
    key = f"insights:spikes:{method}:{last_week.isoformat()}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    since = last_week - timedelta(weeks=_history_weeks(method) - 1)
    counts = weekly_counts(since=since, last_week=last_week)
    # Weeks before the first record of all are before the service began: not weeks of zero.
    first = max(since, min((week for by_week in counts.values() for week in by_week), default=since))
    weeks = [first + timedelta(weeks=i) for i in range((last_week - first).days // 7 + 1)]
    series: dict[Hashable, list[tuple[date, int]]] = {
        k: [(week, by_week.get(week, 0)) for week in weeks] for k, by_week in counts.items()
    }
    settings = FARRINGTON if method == surveillance.Method.FARRINGTON else None
    result = (
        surveillance.detect_spikes(series, method=method, settings=settings),
        len(series),
        timezone.now(),
    )
    cache.set(key, result, CACHE_SECONDS)
    cache.set(last_result_key(method), (last_week, result), LAST_RESULT_SECONDS)
    return result


def spikes_page(scope: Scope, *, method: str, today: date | None = None) -> SpikesPage:
    """The flagged weeks of the last two years in the boroughs in the user's scope, newest first."""
    latest = latest_complete_week(today)
    stored = cache.get(last_result_key(method))
    if stored is None:
        return SpikesPage(
            method=method,
            method_label=METHODS[method],
            first_week=latest - timedelta(weeks=WEEKS_SHOWN - 1),
            last_week=latest,
            rows=(),
            spikes_found=0,
            series_assessed=0,
            not_enough_history=0,
            worked_out_at=None,
            needs_refresh=True,
        )
    last_week, (detection, assessed, worked_out_at) = stored
    first_week = last_week - timedelta(weeks=WEEKS_SHOWN - 1)
    boroughs = {area.pk: area for area in Area.objects.boroughs().filter(pk__in=scope.area_ids)}
    strands = {s.code: str(s.label) for s in HostilityStrand.objects.all()}
    rows = [
        SpikeRow(
            borough=boroughs[borough_id],
            strand="All strands" if code == ALL_STRANDS else strands.get(code, code),
            strand_code=code,
            week_start=spike.week_start,
            count=spike.count,
            expected=spike.expected,
            threshold=spike.threshold,
            method=METHODS[spike.method],
        )
        for spike in detection.spikes
        for borough_id, code in [spike.key]
        if borough_id in boroughs and spike.week_start >= first_week
    ]
    rows.sort(
        key=lambda r: (-r.week_start.toordinal(), r.borough.name, r.strand_code != ALL_STRANDS, r.strand)
    )
    return SpikesPage(
        method=method,
        method_label=METHODS[method],
        first_week=first_week,
        last_week=last_week,
        rows=tuple(rows[:ROWS_SHOWN]),
        spikes_found=len(rows),
        series_assessed=assessed,
        not_enough_history=len(detection.not_enough_history),
        worked_out_at=worked_out_at,
        needs_refresh=last_week != latest,
    )


def spikes_in_week(
    *, week: date, method: str = surveillance.Method.FARRINGTON
) -> list[tuple[Area, str, surveillance.Spike]]:
    """For the system's own check (tension alerts): every borough's spikes in `week`, with the
    strand's code (or ALL_STRANDS). Not scoped: the alerts go only to subscribers who cover the area."""
    detection, _, _ = detect(method=method, last_week=week)
    # Each series is keyed (borough id, strand code) by weekly_counts.
    wanted = [(cast(tuple[int, str], s.key), s) for s in detection.spikes if s.week_start == week]
    boroughs = {
        area.pk: area for area in Area.objects.boroughs().filter(pk__in={key[0] for key, _ in wanted})
    }
    return [(boroughs[key[0]], key[1], s) for key, s in wanted]
