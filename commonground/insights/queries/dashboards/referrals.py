"""Safeguarding referrals in aggregate: by type of concern, age band, referring sector, borough and
where they are now, and their conversion through the stages referral → screened → panel → adopted
→ exited with the median days spent in each. Six queries whatever the data; no person leaves here."""

from collections import defaultdict
from dataclasses import dataclass
from itertools import pairwise

from django.db import connections
from django.db.models import Case, Count, IntegerField, Min, Q, Value, When
from django.db.models.functions import Coalesce, TruncDate

from commonground.core.access import Scope
from commonground.core.charts import BarSeries, Chart, ChartTable, bar_chart
from commonground.insights import statistics
from commonground.insights.queries.dashboards.common import NO_VALUE, AgeInYears, labelled
from commonground.insights.queries.dashboards.filters import FilterChoices, Filters
from commonground.safeguarding.models import (
    ConcernType,
    Referral,
    ReferralStatus,
    ReferringSector,
)
from commonground.safeguarding.models.casework import CaseEvent, PanelOutcome
from commonground.safeguarding.models.retention import AgeBand

NOT_KNOWN = "not_known"
AGE_BANDS = [*AgeBand.choices, (NOT_KNOWN, "Not known")]
STAGE_LABELS = {
    "referral": "Referred",
    "screened": "Screened",
    "panel": "Discussed at a panel",
    "adopted": "Adopted as a Channel case",
    "exited": "Support ended (exited)",
}


@dataclass(frozen=True)
class ReferralsDashboard:
    total: int
    by_concern: Chart
    by_age: Chart
    by_sector: Chart
    by_borough: Chart
    by_outcome: Chart
    stages: Chart
    stage_table: ChartTable

    @property
    def is_empty(self) -> bool:
        return self.total == 0


def referrals_in(filters: Filters, choices: FilterChoices):
    """Referrals received in the period, in the chosen (or the user's) boroughs."""
    referrals = Referral.objects.filter(
        received_at__gte=filters.starts_at,
        received_at__lt=filters.ends_before,
        borough_id__in=filters.borough_ids(choices),
    )
    if filters.ward is not None:
        referrals = referrals.filter(ward_id=filters.ward.pk)
    if filters.concern_type:
        referrals = referrals.filter(concern_type=filters.concern_type)
    return referrals


def age_band_expression():
    """The Home Office's age bands, from the age at referral (date of birth, or the age given)."""
    age = Coalesce(
        AgeInYears("date_of_birth", TruncDate("received_at")), "age_years", output_field=IntegerField()
    )
    return Case(
        When(Q(date_of_birth__isnull=True, age_years__isnull=True), then=Value(NOT_KNOWN)),
        When(Q(age__lte=10), then=Value(AgeBand.UNDER_11.value)),
        When(Q(age__lte=15), then=Value(AgeBand.FROM_11_TO_15.value)),
        When(Q(age__lte=17), then=Value(AgeBand.FROM_16_TO_17.value)),
        When(Q(age__lte=24), then=Value(AgeBand.FROM_18_TO_24.value)),
        default=Value(AgeBand.FROM_25.value),
    ), age


def _grouped(referrals, field: str) -> dict:
    return {row[field]: row["n"] for row in referrals.values(field).annotate(n=Count("pk")).order_by()}


def stage_dates(referrals):
    """The date each referral reached each stage (or None), grouped by referral."""
    return (
        referrals.values("pk")
        .annotate(
            referral=Min(TruncDate("received_at")),
            screened=Min(TruncDate("screening_decisions__decided_at")),
            panel=Min("agenda_items__meeting__meets_on"),
            adopted=Min(
                TruncDate("agenda_items__decision__decided_at"),
                filter=Q(agenda_items__decision__outcome=PanelOutcome.ADOPT),
            ),
            exited=Min("case_events__happened_on", filter=Q(case_events__kind=CaseEvent.Kind.EXITED)),
        )
        .values_list(*statistics.STAGES)
        .order_by()
    )


def _days_between(vendor: str, start: str, end: str) -> str:
    if vendor == "sqlite":
        return f"CAST(julianday({end}) - julianday({start}) AS INTEGER)"
    return f"({end} - {start})"


def _median(histogram: dict[int, int]) -> float | None:
    """The median of the values a histogram {value: how many} counts (as statistics.median)."""
    total = sum(histogram.values())
    if not total:
        return None
    wanted, seen, middle = {(total - 1) // 2, total // 2}, 0, []
    for value in sorted(histogram):
        for position in sorted(wanted):
            if seen <= position < seen + histogram[value]:
                middle.append(value)
                wanted.discard(position)
        seen += histogram[value]
    return sum(middle) / len(middle)


def stage_summaries(referrals) -> tuple[statistics.StageSummary, ...]:
    """statistics.stage_conversion worked out in the database: how many referrals reached each
    stage, and a histogram of the days from each stage to the next, in one query; the medians
    are taken from the histograms. No referral leaves the database."""
    inner = stage_dates(referrals)
    sql, params = inner.query.sql_with_params()
    vendor = connections[inner.db].vendor
    stages = statistics.STAGES
    # Only the fixed stage names and integers go into the SQL text; the filters stay parameters.
    parts = [f"SELECT 'reached', {i}, 0, COUNT({stage}) FROM stages" for i, stage in enumerate(stages)]  # noqa: S608
    for i, (stage, following) in enumerate(pairwise(stages)):
        days = _days_between(vendor, stage, following)
        parts.append(
            f"SELECT 'days', {i}, {days}, COUNT(*) FROM stages "  # noqa: S608
            f"WHERE {stage} IS NOT NULL AND {following} IS NOT NULL GROUP BY {days}"
        )
    reached = [0] * len(stages)
    histograms: list[defaultdict[int, int]] = [defaultdict(int) for _ in stages]
    with connections[inner.db].cursor() as cursor:
        cursor.execute(f"WITH stages AS ({sql}) " + " UNION ALL ".join(parts), params)
        for what, index, days, count in cursor.fetchall():
            if what == "reached":
                reached[index] = count
            else:
                histograms[index][days] += count
    summaries = []
    for index, stage in enumerate(stages):
        moved = {d: n for d, n in histograms[index].items() if d >= 0}
        summaries.append(
            statistics.StageSummary(
                stage=stage,
                reached=reached[index],
                percent_of_first=None if not reached[0] else 100 * reached[index] / reached[0],
                percent_of_previous=(
                    None
                    if index == 0 or not reached[index - 1]
                    else 100 * reached[index] / reached[index - 1]
                ),
                median_days_in_stage=_median(moved),
                moved_on=sum(moved.values()),
                out_of_order=sum(n for d, n in histograms[index].items() if d < 0),
            )
        )
    return tuple(summaries)


def _bar(title: str, rows: list[tuple[str, int]], label: str, chart_id: str) -> Chart:
    return bar_chart(
        [name for name, _ in rows],
        [BarSeries("Referrals", [n for _, n in rows])],
        title=title,
        category_label=label,
        value_label="Referrals",
        horizontal=True,
        chart_id=chart_id,
    )


def referrals_dashboard(scope: Scope, *, filters: Filters, choices: FilterChoices) -> ReferralsDashboard:
    referrals = referrals_in(filters, choices)
    band, age = age_band_expression()
    by_concern = _grouped(referrals, "concern_type")
    by_age = {
        row["band"]: row["n"]
        for row in referrals.annotate(age=age)
        .annotate(band=band)
        .values("band")
        .annotate(n=Count("pk"))
        .order_by()
    }
    by_sector = _grouped(referrals, "referring_sector")
    by_borough = _grouped(referrals, "borough_id")
    by_status = _grouped(referrals, "status")
    boroughs = [filters.borough] if filters.borough is not None else list(choices.boroughs)
    summaries = stage_summaries(referrals)
    return ReferralsDashboard(
        total=sum(by_concern.values()),
        by_concern=_bar(
            "Referrals by type of concern",
            labelled(by_concern, ConcernType.choices),
            "Type of concern",
            "concern",
        ),
        by_age=_bar("Referrals by age when referred", labelled(by_age, AGE_BANDS), "Age", "age"),
        by_sector=_bar(
            "Referrals by referring sector", labelled(by_sector, ReferringSector.choices), "Sector", "sector"
        ),
        by_borough=_bar(
            "Referrals by borough",
            [(b.name, by_borough.get(b.pk, 0)) for b in boroughs],
            "Borough",
            "borough",
        ),
        by_outcome=_bar(
            "Referrals by where they are now",
            labelled(by_status, ReferralStatus.choices),
            "Status",
            "outcome",
        ),
        stages=_bar(
            "Referrals reaching each stage",
            [(STAGE_LABELS[s.stage], s.reached) for s in summaries],
            "Stage",
            "stages",
        ),
        stage_table=_stage_table(summaries),
    )


def _stage_table(summaries) -> ChartTable:
    rows = []
    for summary in summaries:
        days = NO_VALUE if summary.median_days_in_stage is None else f"{summary.median_days_in_stage:g}"
        rows.append(
            (
                STAGE_LABELS[summary.stage],
                f"{summary.reached:,}",
                NO_VALUE if summary.percent_of_first is None else f"{summary.percent_of_first:.1f}%",
                NO_VALUE if summary.percent_of_previous is None else f"{summary.percent_of_previous:.1f}%",
                days,
                f"{summary.moved_on:,}",
            )
        )
    return ChartTable(
        caption="Conversion through the stages, and the median days spent in each before the next",
        headers=(
            "Stage",
            "Referrals",
            "Of all referred",
            "Of the stage before",
            "Median days before the next stage",
            "Moved on (in the median)",
        ),
        rows=tuple(rows),
        numeric_columns=(1, 2, 3, 4, 5),
    )
