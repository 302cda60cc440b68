"""Monthly totals of complete months, worked out once and kept in the cache: the incidents
dashboard adds them up for the whole months of a period and counts only the days at its edges
(and the current month) from the reports themselves. With 1.5 million incidents this keeps every
request to small scans (see benchmarks/insights.py).

Reports are counted by when they were received, which never changes, so a complete month's total
changes only if a report is erased or reclassified; tension reports are counted by when the
tension was observed, and a late report can add to a past month. Both are kept for an hour in the
shared cache, and the worker works them out afresh every half hour (`warm`), so a web request
finds them there rather than counting every month itself."""

from datetime import date, datetime, time, timedelta

from django.core.cache import cache
from django.db.models import Case, Count, F, When
from django.db.models.functions import TruncMonth
from django.utils import timezone

from commonground.core.models import AreaLevel
from commonground.insights.queries.dashboards.common import as_date
from commonground.insights.queries.dashboards.filters import Filters
from commonground.reports.models import Report, ReportKind
from commonground.tension.models import TensionReport

CACHE_SECONDS = 60 * 60


def _aware(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _next_month(month: date) -> date:
    return date(month.year + (month.month == 12), month.month % 12 + 1, 1)


def this_month(today: date | None = None) -> date:
    today = today or timezone.localdate()
    return date(today.year, today.month, 1)


def split_period(
    filters: Filters, today: date | None = None
) -> tuple[list[date], list[tuple[datetime, datetime]]]:
    """The complete months wholly inside the period, and the rest of the period as time ranges."""
    current = this_month(today)
    first = date(filters.date_from.year, filters.date_from.month, 1)
    if first < filters.date_from:
        first = _next_month(first)
    months, month = [], first
    while month < current and _next_month(month) - timedelta(days=1) <= filters.date_to:
        months.append(month)
        month = _next_month(month)
    if not months:
        return [], [(filters.starts_at, filters.ends_before)]
    ranges = []
    if filters.date_from < months[0]:
        ranges.append((filters.starts_at, _aware(months[0])))
    after = _next_month(months[-1])
    if after <= filters.date_to:
        ranges.append((_aware(after), filters.ends_before))
    return months, ranges


def report_months(kind: str, *, fresh: bool = False) -> dict:
    """{"borough": {(month, borough id): reports}, "strand": {(month, borough id, strand id): reports}}
    for every complete month (two queries on a cache miss, or when `fresh`)."""
    current = this_month()
    key = f"insights:months:report:{kind}:{current.isoformat()}"
    cached = None if fresh else cache.get(key)
    if cached is not None:
        return cached
    reports = Report.objects.filter(kind=kind, submitted_at__lt=_aware(current))
    by_borough = {
        (as_date(row["month"]), row["borough_id"]): row["n"]
        for row in reports.annotate(month=TruncMonth("submitted_at"))
        .values("month", "borough_id")
        .annotate(n=Count("pk"))
        .order_by()
    }
    links = Report.strands.through.objects.filter(report__kind=kind, report__submitted_at__lt=_aware(current))
    by_strand = {
        (as_date(row["month"]), row["report__borough_id"], row["hostilitystrand_id"]): row["n"]
        # The plugin misses annotations on an auto-created through model.
        for row in links.annotate(month=TruncMonth("report__submitted_at"))  # type: ignore[misc]
        .values("month", "report__borough_id", "hostilitystrand_id")
        .annotate(n=Count("report_id"))
        .order_by()
    }
    result = {"borough": by_borough, "strand": by_strand}
    cache.set(key, result, CACHE_SECONDS)
    return result


def tension_months(*, fresh: bool = False) -> dict:
    """{(month, borough id): tension reports} for every complete month (one query on a cache miss,
    or when `fresh`)."""
    current = this_month()
    key = f"insights:months:tension:{current.isoformat()}"
    cached = None if fresh else cache.get(key)
    if cached is not None:
        return cached
    rows = (
        # The plugin misses annotations on an auto-created through model.
        TensionReport.areas.through.objects.filter(  # type: ignore[misc]
            tensionreport__observed_at__lt=_aware(current),
            area__level__in=[AreaLevel.BOROUGH, AreaLevel.WARD],
        )
        .annotate(
            borough_id=Case(
                When(area__level=AreaLevel.BOROUGH, then=F("area_id")), default=F("area__parent_id")
            ),
            month=TruncMonth("tensionreport__observed_at"),
        )
        .values("month", "borough_id")
        .annotate(n=Count("tensionreport_id", distinct=True))
        .order_by()
    )
    result = {(as_date(row["month"]), row["borough_id"]): row["n"] for row in rows}
    cache.set(key, result, CACHE_SECONDS)
    return result


def warm() -> None:
    """Work out every monthly total the incidents dashboard reads, afresh, into the shared cache."""
    for kind in ReportKind.values:
        report_months(kind, fresh=True)
    tension_months(fresh=True)
