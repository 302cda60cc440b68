"""The fairness check of referrals: referral rates per 100,000 by ethnic group and by religion
against the Census 2021 population of the same boroughs, adoption rates by group, the share not
recorded, and the over-referral flag (statistics.fairness). Three queries per grouping.

Equality monitoring answers use the Census 2021 categories, so each maps to one Census category in
the explicit tables below. Unmapped: "Prefer not to say" (counted as not recorded, like a missing
answer) and the Census religion category "Not answered" (it has no referrals to set against it, so
its residents are left out of the population, and of the overall rate)."""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, Sum

from commonground.core.access import Scope
from commonground.core.charts import BarSeries, Chart, bar_chart
from commonground.core.models import PopulationFigure
from commonground.insights import statistics
from commonground.insights.queries.dashboards.filters import FilterChoices, Filters
from commonground.insights.queries.dashboards.referrals import referrals_in
from commonground.safeguarding.models import EthnicGroup, Religion
from commonground.safeguarding.models.casework import AgendaItem, PanelOutcome

PREFER_NOT_TO_SAY = "prefer_not_to_say"

# Equality monitoring answer → (Census 2021 TS021 detailed category, broad group).
ETHNIC_GROUPS = {
    EthnicGroup.ASIAN_BANGLADESHI: ("Asian, Asian British or Asian Welsh: Bangladeshi", "Asian"),
    EthnicGroup.ASIAN_CHINESE: ("Asian, Asian British or Asian Welsh: Chinese", "Asian"),
    EthnicGroup.ASIAN_INDIAN: ("Asian, Asian British or Asian Welsh: Indian", "Asian"),
    EthnicGroup.ASIAN_PAKISTANI: ("Asian, Asian British or Asian Welsh: Pakistani", "Asian"),
    EthnicGroup.ASIAN_OTHER: ("Asian, Asian British or Asian Welsh: Other Asian", "Asian"),
    EthnicGroup.BLACK_AFRICAN: ("Black, Black British, Black Welsh, Caribbean or African: African", "Black"),
    EthnicGroup.BLACK_CARIBBEAN: (
        "Black, Black British, Black Welsh, Caribbean or African: Caribbean",
        "Black",
    ),
    EthnicGroup.BLACK_OTHER: (
        "Black, Black British, Black Welsh, Caribbean or African: Other Black",
        "Black",
    ),
    EthnicGroup.MIXED_WHITE_ASIAN: ("Mixed or Multiple ethnic groups: White and Asian", "Mixed"),
    EthnicGroup.MIXED_WHITE_BLACK_AFRICAN: (
        "Mixed or Multiple ethnic groups: White and Black African",
        "Mixed",
    ),
    EthnicGroup.MIXED_WHITE_BLACK_CARIBBEAN: (
        "Mixed or Multiple ethnic groups: White and Black Caribbean",
        "Mixed",
    ),
    EthnicGroup.MIXED_OTHER: (
        "Mixed or Multiple ethnic groups: Other Mixed or Multiple ethnic groups",
        "Mixed",
    ),
    EthnicGroup.WHITE_BRITISH: ("White: English, Welsh, Scottish, Northern Irish or British", "White"),
    EthnicGroup.WHITE_IRISH: ("White: Irish", "White"),
    EthnicGroup.WHITE_GYPSY_TRAVELLER: ("White: Gypsy or Irish Traveller", "White"),
    EthnicGroup.WHITE_ROMA: ("White: Roma", "White"),
    EthnicGroup.WHITE_OTHER: ("White: Other White", "White"),
    EthnicGroup.OTHER_ARAB: ("Other ethnic group: Arab", "Other"),
    EthnicGroup.OTHER_ANY: ("Other ethnic group: Any other ethnic group", "Other"),
}
BROAD_ETHNIC_GROUPS = ["Asian", "Black", "Mixed", "White", "Other"]
# Equality monitoring answer → Census 2021 TS030 category.
RELIGIONS = {
    Religion.NO_RELIGION: "No religion",
    Religion.CHRISTIAN: "Christian",
    Religion.BUDDHIST: "Buddhist",
    Religion.HINDU: "Hindu",
    Religion.JEWISH: "Jewish",
    Religion.MUSLIM: "Muslim",
    Religion.SIKH: "Sikh",
    Religion.OTHER: "Other religion",
}

GROUPINGS = {
    "ethnic_broad": "Ethnic group (broad)",
    "ethnic_detailed": "Ethnic group (detailed)",
    "religion": "Religion",
}


@dataclass(frozen=True)
class Grouping:
    key: str
    label: str
    field: str  # on EqualityMonitoring
    dimension: str  # PopulationFigure.dimension
    # Our answer → the Census category; and the Census category → the group shown.
    to_census: dict
    group_of: dict


def grouping(key: str) -> Grouping:
    if key == "religion":
        return Grouping(
            key, GROUPINGS[key], "religion", "religion", dict(RELIGIONS), {c: c for c in RELIGIONS.values()}
        )
    if key == "ethnic_detailed":
        to_census = {answer: census for answer, (census, _) in ETHNIC_GROUPS.items()}
        return Grouping(
            key,
            GROUPINGS[key],
            "ethnic_group",
            "ethnic_group_detailed",
            to_census,
            {c: c for c in to_census.values()},
        )
    to_census = {answer: census for answer, (census, _) in ETHNIC_GROUPS.items()}
    broad = dict(ETHNIC_GROUPS.values())
    return Grouping(
        "ethnic_broad", GROUPINGS["ethnic_broad"], "ethnic_group", "ethnic_group_detailed", to_census, broad
    )


@dataclass(frozen=True)
class FairnessPage:
    grouping: Grouping
    report: statistics.FairnessReport
    total_referrals: int
    prefer_not_to_say: int
    not_asked: int
    rates: Chart
    adoption: Chart
    flagged: tuple[statistics.GroupFairness, ...]

    @property
    def is_empty(self) -> bool:
        return self.total_referrals == 0


def _adopted():
    return Exists(AgendaItem.objects.filter(referral=OuterRef("pk"), decision__outcome=PanelOutcome.ADOPT))


def group_counts(scope: Scope, *, filters: Filters, choices: FilterChoices, key: str):
    """Referrals and adoptions per equality monitoring answer (one query), and the Census population
    of the same boroughs per category (one query)."""
    chosen = grouping(key)
    field = f"equality_monitoring__{chosen.field}"
    rows = (
        referrals_in(filters, choices)
        .annotate(was_adopted=_adopted())
        .values(field)
        .annotate(n=Count("pk"), adopted=Count("pk", filter=Q(was_adopted=True)))
        .order_by()
    )
    answers = {row[field]: (row["n"], row["adopted"]) for row in rows}
    population = {
        row["category"]: row["people"]
        for row in PopulationFigure.objects.filter(
            area_id__in=filters.borough_ids(choices), dimension=chosen.dimension
        )
        .values("category")
        .annotate(people=Sum("count"))
        .order_by()
    }
    return chosen, answers, population


def fairness_page(
    scope: Scope, *, filters: Filters, choices: FilterChoices, key: str = "ethnic_broad"
) -> FairnessPage:
    chosen, answers, population = group_counts(scope, filters=filters, choices=choices, key=key)
    groups: dict[str, list[int]] = {}
    order = (
        BROAD_ETHNIC_GROUPS if chosen.key == "ethnic_broad" else list(dict.fromkeys(chosen.group_of.values()))
    )
    for group in order:
        groups[group] = [0, 0, 0]
    for census, group in chosen.group_of.items():
        groups[group][1] += population.get(census, 0)
    not_recorded = [0, 0]
    prefer_not, not_asked = 0, 0
    for answer, (n, adopted) in answers.items():
        census = chosen.to_census.get(answer)
        if census is None:
            not_recorded[0] += n
            not_recorded[1] += adopted
            if answer == PREFER_NOT_TO_SAY:
                prefer_not += n
            else:
                not_asked += n
            continue
        group = groups[chosen.group_of[census]]
        group[0] += n
        group[2] += adopted
    report = statistics.fairness(
        groups={
            name: statistics.GroupCounts(referrals=r, population=p, adopted=a)
            for name, (r, p, a) in groups.items()
        },
        not_recorded_referrals=not_recorded[0],
        not_recorded_adopted=not_recorded[1],
    )
    return FairnessPage(
        grouping=chosen,
        report=report,
        total_referrals=sum(n for n, _ in answers.values()),
        prefer_not_to_say=prefer_not,
        not_asked=not_asked,
        rates=_rate_chart(report, chosen),
        adoption=_adoption_chart(report, chosen),
        flagged=tuple(g for g in report.groups if g.possible_over_referral),
    )


def _interval(interval):
    return (interval.lower, interval.upper) if interval is not None else None


def _rate_chart(report: statistics.FairnessReport, chosen: Grouping) -> Chart:
    groups = report.groups
    return bar_chart(
        [g.group for g in groups] + ["All groups recorded"],
        [
            BarSeries(
                "Referrals per 100,000 residents",
                [g.referral_rate.rate for g in groups] + [report.overall_rate.rate],
                [_interval(g.referral_rate.interval) for g in groups]
                + [_interval(report.overall_rate.interval)],
            )
        ],
        title=f"Referrals per 100,000 residents by {chosen.label.lower()}, with 95% confidence intervals",
        category_label=chosen.label,
        value_label="Per 100,000 residents",
        horizontal=True,
        value_format=lambda v: f"{v:,.1f}",
        tick_format=lambda v: f"{v:,.0f}",
        chart_id=f"rates-{chosen.key}",
    )


def _adoption_chart(report: statistics.FairnessReport, chosen: Grouping) -> Chart:
    groups = report.groups

    def pct(p):
        return None if p.proportion is None else 100 * p.proportion

    def pct_interval(p):
        return None if p.interval is None else (100 * p.interval.lower, 100 * p.interval.upper)

    return bar_chart(
        [g.group for g in groups] + ["All groups recorded"],
        [
            BarSeries(
                "Referrals adopted (%)",
                [pct(g.adoption) for g in groups] + [pct(report.overall_adoption)],
                [pct_interval(g.adoption) for g in groups] + [pct_interval(report.overall_adoption)],
            )
        ],
        title=f"Share of referrals adopted as Channel cases by {chosen.label.lower()}, with 95% Wilson intervals",
        category_label=chosen.label,
        value_label="Adopted (%)",
        horizontal=True,
        value_format=lambda v: f"{v:.1f}%",
        tick_format=lambda v: f"{v:.0f}%",
        chart_id=f"adoption-{chosen.key}",
    )
