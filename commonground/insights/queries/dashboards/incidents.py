"""Hate incidents (and the other kinds of report to the line) and partners' tension reports: by
month, by borough, by strand, and incidents per 100,000 residents by borough. Every count is made
in the database (GROUP BY): whole complete months from the cached monthly totals (monthly.py), the
days at the edges of the period from the reports; at most three queries, whatever the data."""

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date

from django.db.models import Case, Count, F, Q, When
from django.db.models.functions import TruncMonth

from commonground.core.access import Scope
from commonground.core.charts import BarSeries, Chart, Series, bar_chart, line_chart
from commonground.core.models import Area, AreaLevel
from commonground.insights import statistics
from commonground.insights.queries.dashboards import monthly
from commonground.insights.queries.dashboards.common import as_date, months_between
from commonground.insights.queries.dashboards.filters import (
    KIND_CHOICES,
    TENSION_REPORTS,
    FilterChoices,
    Filters,
)
from commonground.reports.models import Report, ReportKind
from commonground.tension.models import TensionReport

NO_BOROUGH = "No borough (online or not known)"


@dataclass(frozen=True)
class IncidentsDashboard:
    reports_label: str | None  # None when reports to the line are not counted
    reports_total: int
    tension_total: int | None  # None when tension reports are not counted
    by_month: Chart
    by_borough: Chart
    by_strand: Chart | None
    rates: Chart | None

    @property
    def is_empty(self) -> bool:
        return not self.reports_total and not self.tension_total


def _report_kind(filters: Filters) -> str | None:
    if filters.kind == TENSION_REPORTS:
        return None
    return filters.kind or ReportKind.HATE_INCIDENT


def _counts_tension(filters: Filters) -> bool:
    # Tension reports carry no hostility strand: a strand filter leaves them out.
    return filters.kind in ("", TENSION_REPORTS) and filters.strand is None


def _in_ranges(field: str, ranges) -> Q:
    condition = Q(pk__in=[])
    for start, end in ranges:
        condition |= Q(**{f"{field}__gte": start, f"{field}__lt": end})
    return condition


def report_condition(filters: Filters, choices: FilterChoices, *, kind: str, ranges, prefix: str = "") -> Q:
    """The reports counted: of `kind`, received in `ranges`, in the chosen or the user's areas.
    Reports with no borough (online) count only for a user who covers the whole combined authority."""
    p = prefix
    condition = Q(**{f"{p}kind": kind}) & _in_ranges(f"{p}submitted_at", ranges)
    if filters.ward is not None:
        condition &= Q(**{f"{p}ward_id": filters.ward.pk})
    elif filters.borough is not None or not choices.covers_combined_authority:
        condition &= Q(**{f"{p}borough_id__in": filters.borough_ids(choices)})
    return condition


def _counted_borough(filters: Filters, choices: FilterChoices):
    """Which borough ids (None: no borough) a monthly total may come from."""
    if filters.borough is not None:
        return {filters.borough.pk}.__contains__
    if choices.covers_combined_authority:
        return lambda borough_id: True
    return set(choices.borough_ids).__contains__


def _report_counts(filters: Filters, choices: FilterChoices, kind: str, months, ranges):
    """{(month, borough id or None): count} and {strand id: count}: the monthly totals of `months`,
    and two queries over `ranges` (none if there are none)."""
    by_month_borough: dict = defaultdict(int)
    by_strand: dict = defaultdict(int)
    if months:
        cube = monthly.report_months(kind)
        wanted, allowed = set(months), _counted_borough(filters, choices)
        strand_id = filters.strand.pk if filters.strand is not None else None
        for (month, borough_id, strand), n in cube["strand"].items():
            if month in wanted and allowed(borough_id) and strand_id in (None, strand):
                by_strand[strand] += n
                if strand_id is not None:
                    by_month_borough[(month, borough_id)] += n
        if strand_id is None:
            for (month, borough_id), n in cube["borough"].items():
                if month in wanted and allowed(borough_id):
                    by_month_borough[(month, borough_id)] += n
    if not ranges:
        return by_month_borough, by_strand
    reports = Report.objects.filter(report_condition(filters, choices, kind=kind, ranges=ranges))
    if filters.strand is not None:
        reports = reports.filter(strands=filters.strand)
    for row in (
        reports.annotate(month=TruncMonth("submitted_at"))
        .values("month", "borough_id")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        by_month_borough[(as_date(row["month"]), row["borough_id"])] += row["n"]
    links = Report.strands.through.objects.filter(
        report_condition(filters, choices, kind=kind, ranges=ranges, prefix="report__")
    )
    if filters.strand is not None:
        links = links.filter(hostilitystrand_id=filters.strand.pk)
    for row in links.values("hostilitystrand_id").annotate(n=Count("report_id")).order_by():
        by_strand[row["hostilitystrand_id"]] += row["n"]
    return dict(by_month_borough), dict(by_strand)


def _tension_counts(filters: Filters, choices: FilterChoices, months, ranges) -> dict:
    """{(month, borough id): reports}: a report about a borough or any of its wards counts once for
    that borough; a report about two boroughs counts in each. Monthly totals, and one query."""
    counts: dict = defaultdict(int)
    if months:
        wanted, allowed = set(months), set(filters.borough_ids(choices))
        for (month, borough_id), n in monthly.tension_months().items():
            if month in wanted and borough_id in allowed:
                counts[(month, borough_id)] += n
    if not ranges:
        return dict(counts)
    links = TensionReport.areas.through.objects.filter(
        _in_ranges("tensionreport__observed_at", ranges),
        area__level__in=[AreaLevel.BOROUGH, AreaLevel.WARD],
    ).annotate(
        borough_id=Case(When(area__level=AreaLevel.BOROUGH, then=F("area_id")), default=F("area__parent_id"))
    )
    if filters.ward is not None:
        links = links.filter(area_id=filters.ward.pk)
    else:
        # The plugin misses annotations on an auto-created through model.
        links = links.filter(borough_id__in=filters.borough_ids(choices))  # type: ignore[misc]
    rows = (
        links.annotate(month=TruncMonth("tensionreport__observed_at"))  # type: ignore[misc]
        .values("month", "borough_id")
        .annotate(n=Count("tensionreport_id", distinct=True))
        .order_by()
    )
    for row in rows:
        counts[(as_date(row["month"]), row["borough_id"])] += row["n"]
    return dict(counts)


def _sum_by(counts: dict, position: int) -> dict:
    totals: dict = defaultdict(int)
    for key, n in counts.items():
        totals[key[position]] += n
    return totals


def incidents_dashboard(scope: Scope, *, filters: Filters, choices: FilterChoices) -> IncidentsDashboard:
    kind = _report_kind(filters)
    kind_label = dict(KIND_CHOICES).get(kind, "Reports") if kind else None
    # Whole complete months come from the monthly totals; a ward is counted from its reports.
    months: list[date] = []
    ranges = [(filters.starts_at, filters.ends_before)]
    if filters.ward is None:
        months, ranges = monthly.split_period(filters)
    reports, by_strand = _report_counts(filters, choices, kind, months, ranges) if kind else ({}, {})
    tension = _tension_counts(filters, choices, months, ranges) if _counts_tension(filters) else None

    months = months_between(filters.date_from, filters.date_to)
    series = []
    if kind_label is not None:
        per_month = _sum_by(reports, 0)
        series.append(Series(kind_label, [(m, per_month.get(m, 0)) for m in months]))
    if tension is not None:
        per_month = _sum_by(tension, 0)
        series.append(Series("Tension reports from partners", [(m, per_month.get(m, 0)) for m in months]))
    by_month = line_chart(
        series,
        title="Reports by month",
        desc="Counts per calendar month in the period chosen.",
        x_label="Month",
        y_label="Reports",
        chart_id="by-month",
    )
    if len(by_month.table.rows) == len(months):
        # The chart's table names each point by its day; these are whole months.
        rows = tuple((f"{m:%B %Y}", *row[1:]) for m, row in zip(months, by_month.table.rows, strict=True))
        by_month = replace(
            by_month, table=replace(by_month.table, headers=("Month", *by_month.table.headers[1:]), rows=rows)
        )

    boroughs = [filters.borough] if filters.borough is not None else list(choices.boroughs)
    categories = [b.name for b in boroughs]
    bar_series = []
    report_by_borough = _sum_by(reports, 1)
    if kind_label is not None:
        values = [report_by_borough.get(b.pk, 0) for b in boroughs]
        if None in report_by_borough:
            categories.append(NO_BOROUGH)
            values.append(report_by_borough[None])
        bar_series.append(BarSeries(kind_label, values))
    if tension is not None:
        per_borough = _sum_by(tension, 1)
        values = [per_borough.get(b.pk, 0) for b in boroughs]
        if len(categories) > len(boroughs):
            values.append(None)
        bar_series.append(BarSeries("Tension reports from partners", values))
    by_borough = bar_chart(
        categories,
        bar_series,
        title="Reports by borough",
        category_label="Borough",
        value_label="Reports",
        horizontal=True,
        chart_id="by-borough",
    )

    strands_chart = None
    if kind_label is not None:
        strands = [s for s in choices.strands if filters.strand is None or s.pk == filters.strand.pk]
        strands_chart = bar_chart(
            [s.label for s in strands],
            [BarSeries(kind_label, [by_strand.get(s.pk, 0) for s in strands])],
            title=f"{kind_label} by hostility strand (a report can name more than one)",
            category_label="Strand",
            value_label="Reports",
            horizontal=True,
            chart_id="by-strand",
        )

    rates = _rates(filters, boroughs, report_by_borough, kind_label) if kind_label is not None else None
    return IncidentsDashboard(
        reports_label=kind_label,
        reports_total=sum(reports.values()),
        tension_total=None if tension is None else sum(_sum_by(tension, 0).values()),
        by_month=by_month,
        by_borough=by_borough,
        by_strand=strands_chart,
        rates=rates,
    )


def _rates(filters: Filters, boroughs: list[Area], counts: dict, label: str) -> Chart:
    """Per 100,000 residents (Census 2021) in the period, with exact 95% Poisson intervals."""
    if filters.ward is not None:
        areas, area_counts = [filters.ward], [sum(counts.values())]
    else:
        areas, area_counts = boroughs, [counts.get(b.pk, 0) for b in boroughs]
    values: list[float | None] = []
    intervals: list[tuple[float, float] | None] = []
    for count in area_counts:
        area = areas[len(values)]
        result = statistics.rate(count=count, population=area.population or 0)
        values.append(result.rate)
        intervals.append((result.interval.lower, result.interval.upper) if result.interval else None)
    return bar_chart(
        [a.name for a in areas],
        [BarSeries(f"{label} per 100,000 residents", values, intervals)],
        title=f"{label} per 100,000 residents (Census 2021) in the period, with 95% confidence intervals",
        category_label="Area",
        value_label="Per 100,000 residents",
        horizontal=True,
        value_format=lambda v: f"{v:,.1f}",
        tick_format=lambda v: f"{v:,.0f}",
        chart_id="rates",
    )
