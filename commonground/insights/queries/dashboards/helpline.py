"""Helpline calls by outcome: one query."""

from dataclasses import dataclass

from django.db.models import Count, Q

from commonground.core.access import Scope
from commonground.core.charts import BarSeries, Chart, bar_chart
from commonground.insights.queries.dashboards.common import labelled
from commonground.insights.queries.dashboards.filters import FilterChoices, Filters
from commonground.reports.models import CallOutcome, HelplineCall


@dataclass(frozen=True)
class HelplineDashboard:
    total: int
    by_outcome: Chart

    @property
    def is_empty(self) -> bool:
        return self.total == 0


def helpline_dashboard(scope: Scope, *, filters: Filters, choices: FilterChoices) -> HelplineDashboard:
    """Calls taken in the period in the chosen (or the user's) boroughs; calls with no borough count
    only for a user who covers the whole combined authority and chose no borough."""
    calls = HelplineCall.objects.filter(taken_at__gte=filters.starts_at, taken_at__lt=filters.ends_before)
    in_areas = Q(borough_id__in=filters.borough_ids(choices))
    if filters.borough is None and choices.covers_combined_authority:
        in_areas |= Q(borough__isnull=True)
    counts = {
        row["outcome"]: row["n"]
        for row in calls.filter(in_areas).values("outcome").annotate(n=Count("pk")).order_by()
    }
    rows = labelled(counts, CallOutcome.choices)
    return HelplineDashboard(
        total=sum(counts.values()),
        by_outcome=bar_chart(
            [str(label) for label, _ in rows],
            [BarSeries("Calls", [n for _, n in rows])],
            title="Helpline calls by outcome",
            category_label="Outcome",
            value_label="Calls",
            horizontal=True,
            chart_id="calls",
        ),
    )
