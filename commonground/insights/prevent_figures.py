"""Prevent across the boroughs, worked out: each area's figures from the dates and counts read by
`queries.prevent`, the tables and charts of the page, and the disclosure-controlled CSV export
(under the Prevent and Channel policy of the public statistics, `disclosure.PREVENT_CHANNEL`).
Nothing here reads the database."""

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from commonground.core.charts import BarSeries, Chart, bar_chart
from commonground.core.models import Area
from commonground.insights import disclosure, prevent_targets, statistics
from commonground.insights.models import PreventTarget
from commonground.insights.presentation import safe_cell
from commonground.insights.quarters import Quarter
from commonground.safeguarding.queries import SCREENING_OVERDUE_DAYS

# The safeguarding team's own screening target: a referral not screened within this many days of
# receipt shows as overdue on the coordinators' home page.

SCREENING_TARGET_DAYS = SCREENING_OVERDUE_DAYS
POLICY = disclosure.PREVENT_CHANNEL
NO_VALUE = "\u2013"


@dataclass(frozen=True)
class StageDates:
    """The dates one referral reached each stage (or None): no person, only dates and a borough."""

    borough_id: int
    received: date
    screened: date | None
    panel: date | None
    decided: date | None
    adopted: date | None
    exited: date | None


@dataclass(frozen=True)
class AreaFigures:
    """The quarter's figures for one borough, or for a group of boroughs (the combined authority)."""

    name: str
    is_combined_authority: bool
    # A name short enough for a chart's category axis (the combined authority's own name).
    short_name: str
    referrals: statistics.Rate
    screened_on_time: statistics.Proportion
    adoption: statistics.Proportion
    days: dict[str, statistics.MedianDays]
    reviews_on_time: statistics.Proportion
    panels_with_police_and_health: statistics.Proportion

    def proportion(self, measure: str) -> statistics.Proportion:
        return {
            prevent_targets.SCREENED_ON_TIME: self.screened_on_time,
            prevent_targets.ADOPTION_RATE: self.adoption,
            prevent_targets.REVIEWS_ON_TIME: self.reviews_on_time,
            prevent_targets.PANELS_WITH_POLICE_AND_HEALTH: self.panels_with_police_and_health,
        }[measure]

    def value(self, measure: str) -> float | None:
        """The figure the target is compared with: a rate, a percentage or a median of days."""
        if measure == prevent_targets.REFERRAL_RATE:
            return self.referrals.rate
        if measure in self.days:
            return self.days[measure].median
        share = self.proportion(measure).proportion
        return None if share is None else 100 * share


@dataclass(frozen=True)
class Cell:
    area: str
    is_combined_authority: bool
    value: str
    detail: str
    rag: str | None

    @property
    def rag_label(self) -> str:
        return prevent_targets.RAG_LABELS.get(self.rag, "") if self.rag else ""


@dataclass(frozen=True)
class MeasureTable:
    measure: prevent_targets.Measure
    cells: tuple[Cell, ...]
    target: PreventTarget | None
    detail_header: str


@dataclass(frozen=True)
class PreventComparison:
    quarter: Quarter
    combined_authority: str
    areas: tuple[AreaFigures, ...]
    combined: AreaFigures
    # The boroughs of the combined authority outside the user's scope, together (for the export).
    others: AreaFigures | None
    tables: tuple[MeasureTable, ...]
    rates_chart: Chart
    screening_chart: Chart

    @property
    def rows(self) -> tuple[AreaFigures, ...]:
        return (*self.areas, self.combined)

    @property
    def is_empty(self) -> bool:
        """No borough in the user's scope: nothing of their own to set beside the whole."""
        return not self.areas


# --- Working out ----------------------------------------------------------------------------------


def _within(day: date | None, first: date, last: date) -> bool:
    return day is not None and first <= day <= last


def figures_for(
    name: str,
    *,
    boroughs: Sequence[Area],
    stages: Sequence[StageDates],
    reviews: dict[int, tuple[int, int]],
    panels: dict[int, tuple[int, int]],
    quarter: Quarter,
    today: date,
    is_combined_authority: bool = False,
    short_name: str = "",
) -> AreaFigures:
    """The figures of a group of boroughs (one, or all of the combined authority)."""
    ids = {borough.pk for borough in boroughs}
    mine = [s for s in stages if s.borough_id in ids]
    first, last = quarter.start, quarter.end
    received = [s for s in mine if _within(s.received, first, last)]
    target = timedelta(days=SCREENING_TARGET_DAYS)
    # A referral counts towards screening once it is screened or its target time has passed.
    screenable = [s for s in received if s.screened is not None or s.received + target <= today]
    on_time = [s for s in screenable if s.screened is not None and s.screened - s.received <= target]
    decided = [s for s in mine if _within(s.decided, first, last)]
    # Adopted: the panel's first decision (adopt or not) was to adopt.
    adopted = [s for s in decided if s.adopted is not None and s.adopted == s.decided]

    def pairs(start: Callable[[StageDates], date | None], end: Callable[[StageDates], date | None]):
        return [(start(s), end(s)) for s in mine if start(s) is not None and _within(end(s), first, last)]

    days = {
        prevent_targets.DAYS_TO_SCREENING: statistics.median_days(
            pairs(lambda s: s.received, lambda s: s.screened)
        ),
        prevent_targets.DAYS_TO_PANEL: statistics.median_days(pairs(lambda s: s.screened, lambda s: s.panel)),
        prevent_targets.DAYS_TO_DECISION: statistics.median_days(
            pairs(lambda s: s.panel, lambda s: s.decided)
        ),
        prevent_targets.DAYS_ADOPTION_TO_EXIT: statistics.median_days(
            pairs(lambda s: s.adopted, lambda s: s.exited)
        ),
    }
    reviews_on_time, reviews_due = (sum(reviews.get(i, (0, 0))[k] for i in ids) for k in (0, 1))
    both, held = (sum(panels.get(i, (0, 0))[k] for i in ids) for k in (0, 1))
    return AreaFigures(
        name=name,
        is_combined_authority=is_combined_authority,
        short_name=short_name or name,
        referrals=statistics.rate(count=len(received), population=sum(b.population or 0 for b in boroughs)),
        screened_on_time=statistics.proportion(successes=len(on_time), trials=len(screenable)),
        adoption=statistics.proportion(successes=len(adopted), trials=len(decided)),
        days=days,
        reviews_on_time=statistics.proportion(successes=reviews_on_time, trials=reviews_due),
        panels_with_police_and_health=statistics.proportion(successes=both, trials=held),
    )


def _percent(share: statistics.Proportion) -> tuple[str, str]:
    interval = share.interval
    if share.proportion is None or interval is None:
        return NO_VALUE, "none"
    return (
        f"{100 * share.proportion:.1f}% ({100 * interval.lower:.1f}% to {100 * interval.upper:.1f}%)",
        f"{share.successes} of {share.trials}",
    )


def _cell_text(figures: AreaFigures, measure: str) -> tuple[str, str]:
    if measure == prevent_targets.REFERRAL_RATE:
        rate = figures.referrals
        if rate.rate is None or rate.interval is None:
            return NO_VALUE, f"{rate.count} referrals; population not known"
        return (
            f"{rate.rate:.1f} ({rate.interval.lower:.1f} to {rate.interval.upper:.1f})",
            f"{rate.count} referrals; {rate.population:,} residents",
        )
    if measure in figures.days:
        days = figures.days[measure]
        if days.median is None:
            return NO_VALUE, "none"
        return f"{days.median:g}", f"{days.count}"
    return _percent(figures.proportion(measure))


DETAIL_HEADERS = {
    prevent_targets.REFERRAL_RATE: "Referrals and residents",
    prevent_targets.SCREENED_ON_TIME: "Screened on time, of referrals due",
    prevent_targets.ADOPTION_RATE: "Adopted, of decided",
    prevent_targets.REVIEWS_ON_TIME: "On time, of reviews due",
    prevent_targets.PANELS_WITH_POLICE_AND_HEALTH: "With both, of panels held",
}


def measure_tables(
    rows: Sequence[AreaFigures], targets: dict[str, PreventTarget]
) -> tuple[MeasureTable, ...]:
    tables = []
    for measure in prevent_targets.MEASURES:
        target = targets.get(measure.key)
        cells = []
        for figures in rows:
            value, detail = _cell_text(figures, measure.key)
            status = None
            if target is not None:
                status = prevent_targets.rag(
                    figures.value(measure.key),
                    green=float(target.green_threshold),
                    amber=float(target.amber_threshold),
                    direction=target.direction,
                )
            cells.append(Cell(figures.name, figures.is_combined_authority, value, detail, status))
        tables.append(
            MeasureTable(
                measure=measure,
                cells=tuple(cells),
                target=target,
                detail_header=DETAIL_HEADERS.get(measure.key, "Steps completed in the quarter"),
            )
        )
    return tuple(tables)


def rates_chart(rows: Sequence[AreaFigures], quarter: Quarter) -> Chart:
    return bar_chart(
        [figures.short_name for figures in rows],
        [
            BarSeries(
                "Referrals per 100,000 residents",
                [figures.referrals.rate for figures in rows],
                [
                    None
                    if f.referrals.interval is None
                    else (f.referrals.interval.lower, f.referrals.interval.upper)
                    for f in rows
                ],
            )
        ],
        title=f"Referrals per 100,000 residents, {quarter.label}",
        category_label="Area",
        value_label="Referrals per 100,000 residents",
        horizontal=True,
        chart_id="prevent-rates",
    )


def screening_chart(rows: Sequence[AreaFigures], quarter: Quarter) -> Chart:
    shares = [figures.screened_on_time for figures in rows]
    return bar_chart(
        [figures.short_name for figures in rows],
        [
            BarSeries(
                f"Screened within {SCREENING_TARGET_DAYS} days (%)",
                [None if s.proportion is None else 100 * s.proportion for s in shares],
                [
                    None if s.interval is None else (100 * s.interval.lower, 100 * s.interval.upper)
                    for s in shares
                ],
            )
        ],
        title=f"Share of referrals screened within {SCREENING_TARGET_DAYS} days, {quarter.label}",
        category_label="Area",
        value_label="Per cent",
        horizontal=True,
        chart_id="prevent-screening",
    )


# --- The disclosure-controlled export --------------------------------------------------------------

CSV_HEADERS = (
    "Area",
    "Referrals",
    "Residents (Census 2021)",
    "Referrals per 100,000",
    "95% CI lower",
    "95% CI upper",
    f"Screened within {SCREENING_TARGET_DAYS} days (%)",
    "Adopted, of decided at panel (%)",
    *(m.label for m in prevent_targets.MEASURES if m.unit == prevent_targets.DAYS),
    "Exit reviews done on time (%)",
    "Panels with police and health present (%)",
)


def _published_referrals(rows: Sequence[AreaFigures]) -> tuple[list[int | None], int | None]:
    """The referral counts of the rows and their total (the combined authority), protected as the
    public statistics protect Prevent tables: small counts suppressed (with the secondary cells that
    would give them away), the rest rounded; all suppressed if the table is refused."""
    table = disclosure.table_from_rows(
        [r.name for r in rows], ["Referrals"], [[r.referrals.count] for r in rows]
    )
    try:
        published = disclosure.publish(table, policy=POLICY)
    except disclosure.DisclosureRefused:
        return [None] * len(rows), None
    return [row[0] for row in published.values[:-1]], published.values[-1][0]


def _published_share(share: statistics.Proportion) -> str:
    value = disclosure.publishable_rate(numerator=share.successes, denominator=share.trials, policy=POLICY)
    return disclosure.display_rate(value)


def _published_median(days: statistics.MedianDays) -> str:
    # A median of a few durations is close to one person's: shown only over as many as a rate needs.
    if days.median is None or days.count < POLICY.minimum_denominator:
        return disclosure.SUPPRESSED
    return f"{days.median:g}"


def _published_rate(count: int | None, population: int) -> list[str]:
    if count is None or population <= 0:
        return [disclosure.SUPPRESSED] * 3
    rate = statistics.rate(count=count, population=population)
    if rate.rate is None or rate.interval is None:  # only a zero population has no rate
        return [disclosure.SUPPRESSED] * 3
    return [f"{rate.rate:.1f}", f"{rate.interval.lower:.1f}", f"{rate.interval.upper:.1f}"]


def comparison_csv(comparison: PreventComparison) -> str:
    """The comparison as CSV under disclosure control: what may leave the staff area."""
    parts = [*comparison.areas, *([comparison.others] if comparison.others else [])]
    counts, total = _published_referrals(parts)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([f"Prevent across the boroughs, {comparison.quarter.label}"])
    writer.writerow(
        [
            "Disclosure-controlled: counts of 1 to 9 and the cells that would reveal them are shown as "
            f"{disclosure.SUPPRESSED}, other counts rounded to the nearest 5; shares and medians over fewer "
            f"than {POLICY.minimum_denominator} are {disclosure.SUPPRESSED}. Rates use the rounded counts."
        ]
    )
    writer.writerow([safe_cell(header) for header in CSV_HEADERS])
    for figures, count in [*zip(parts, counts, strict=True), (comparison.combined, total)]:
        population = figures.referrals.population
        writer.writerow(
            [
                safe_cell(figures.name),
                disclosure.SUPPRESSED if count is None else count,
                population,
                *_published_rate(count, population),
                _published_share(figures.screened_on_time),
                _published_share(figures.adoption),
                *(_published_median(days) for days in figures.days.values()),
                _published_share(figures.reviews_on_time),
                _published_share(figures.panels_with_police_and_health),
            ]
        )
    return out.getvalue()
