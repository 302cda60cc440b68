"""What an edition holds: the quarter's counts turned into headline figures and tables under
disclosure control (reads no database; the counts come from `queries.publication`).

Every table is protected under its policy, and the tables of an edition are protected together
(`disclosure.publish_together`, with the relations between them from `edition_audit`): hate
incidents and tension reports under `HATE_INCIDENTS` (counts 1 to 4 suppressed, a table needs 10
records), anything about Prevent or Channel under `PREVENT_CHANNEL` (1 to 9 suppressed, 30
records), and Prevent figures for the combined authority only, never by borough. Rates are worked
out from the published (rounded) counts, so they reveal nothing the counts do not. A table the
auditor refuses is left out, with a note, and is never stored raw. Headline figures are rounded
the same way, and compared with the same quarter a year before.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from commonground.insights import disclosure, edition_audit, statistics
from commonground.insights.disclosure import DisclosureRefused, Policy
from commonground.insights.quarters import Quarter
from commonground.safeguarding.models import ConcernType, ReferralStatus
from commonground.tension.models.reports import ReportCategory

WITHHELD_NOTE = "Withheld: could disclose small numbers."
NOT_GIVEN = "Place not given or online"
WHOLE_AREA = "Whole combined authority"
NOT_RECORDED = "Not recorded"

# Where a referral stands now, in the words of the published Home Office tables.
REFERRAL_OUTCOMES = {
    "Still being assessed": (
        ReferralStatus.TO_SCREEN,
        ReferralStatus.WITH_POLICE,
        ReferralStatus.INFORMATION_GATHERING,
        ReferralStatus.AT_PANEL,
    ),
    "No further action": (ReferralStatus.NO_FURTHER_ACTION,),
    "Signposted to other services": (ReferralStatus.SIGNPOSTED, ReferralStatus.NOT_ADOPTED),
    "Police-led case management": (ReferralStatus.POLICE_LED,),
    "Adopted as a Channel case": (ReferralStatus.ADOPTED, ReferralStatus.EXITED),
}


@dataclass
class QuarterFigures:
    """Raw counts of one quarter: staff-only until frozen."""

    quarter: Quarter
    boroughs: list
    strands: list
    incidents_by_borough_and_strand: dict[tuple[int | None, str | None], int] = field(default_factory=dict)
    incidents_by_borough: dict[int | None, int] = field(default_factory=dict)
    incidents_by_month: dict[date, int] = field(default_factory=dict)
    tension_by_borough_and_category: dict[tuple[int | None, str], int] = field(default_factory=dict)
    referrals_by_concern: dict[str, int] = field(default_factory=dict)
    referrals_by_status: dict[str, int] = field(default_factory=dict)
    tension_total: int = 0
    incidents_last_year: int = 0
    tension_last_year: int = 0
    referrals_last_year: int = 0

    @property
    def incidents(self) -> int:
        return sum(self.incidents_by_borough.values())

    @property
    def referrals(self) -> int:
        return sum(self.referrals_by_concern.values())


# --- Freezing ------------------------------------------------------------------------------------


def _policy_json(policy: Policy) -> dict:
    return {
        "threshold": policy.threshold,
        "rounding_base": policy.rounding_base,
        "minimum_records": policy.minimum_records,
        "protection_interval": policy.protection_interval,
    }


@dataclass(frozen=True)
class CountsTable:
    """A table of counts to publish, before disclosure control."""

    name: str
    title: str
    description: str
    row_header: str
    rows: list[str]
    columns: list[str]
    cells: list[list[int]]
    policy: Policy
    total_label: str = "Total"

    def candidate(self) -> disclosure.Candidate:
        return disclosure.Candidate(
            self.name, disclosure.table_from_rows(self.rows, self.columns, self.cells), self.policy
        )


def frozen_table(table: CountsTable, published: disclosure.PublishedTable | DisclosureRefused) -> dict:
    """The table as stored in an edition: protected and rounded, or withheld with a note."""
    frozen = {
        "name": table.name,
        "title": table.title,
        "description": table.description,
        "kind": "counts",
        "row_header": table.row_header,
        "policy": _policy_json(table.policy),
    }
    if isinstance(published, DisclosureRefused):
        return {**frozen, "withheld": True, "note": WITHHELD_NOTE, "columns": [], "rows": [], "cells": []}
    values = [list(row) for row in published.values]
    headers = [*table.columns, table.total_label]
    if len(table.columns) == 1:
        # The total column would repeat the only column, entry for entry.
        values = [row[:1] for row in values]
        headers = list(table.columns)
    return {
        **frozen,
        "withheld": False,
        "note": "",
        "columns": headers,
        "rows": [*table.rows, "Total"],
        "cells": values,
    }


def counts_table(**fields) -> dict:
    """One table of counts protected on its own, or withheld with a note."""
    table = CountsTable(**fields)
    try:
        published = disclosure.publish(
            disclosure.table_from_rows(table.rows, table.columns, table.cells), policy=table.policy
        )
    except DisclosureRefused as refusal:
        published = refusal
    return frozen_table(table, published)


def _rates_table(counts: dict, boroughs: list, combined_population: int) -> dict:
    """Incidents per 100,000 residents by borough, from the published (rounded) counts; [c] where
    the count is suppressed. Worked out from the rounded count, a rate reveals nothing more."""
    table = {
        "name": edition_audit.RATES_BY_BOROUGH,
        "title": "Hate incidents per 100,000 residents, by borough",
        "description": "Rates use Census 2021 populations and the rounded counts; the interval is the "
        "exact 95% Poisson interval.",
        "kind": "rates",
        "row_header": "Borough",
        "policy": counts["policy"],
        "columns": [
            "Hate incidents",
            "Residents (Census 2021)",
            "Rate per 100,000",
            "95% CI lower",
            "95% CI upper",
        ],
        "rows": [],
        "cells": [],
        "withheld": counts["withheld"],
        "note": counts["note"],
    }
    if counts["withheld"]:
        return table
    by_name = dict(zip(counts["rows"], counts["cells"], strict=True))
    places = [(b.name, b.population or 0) for b in boroughs]
    places.append(("Total", combined_population))
    for label, population in places:
        published = by_name.get(label, [None])[0]
        if published is None or population <= 0:
            table["rows"].append(label)
            table["cells"].append([published, population or None, None, None, None])
            continue
        result = statistics.rate(count=published, population=population)
        rate, interval = result.rate, result.interval
        if rate is None or interval is None:
            raise ValueError(f"No rate for a population of {population}.")  # only a zero population has none
        table["rows"].append(label)
        table["cells"].append(
            [
                published,
                population,
                round(rate, 1),
                round(interval.lower, 1),
                round(interval.upper, 1),
            ]
        )
    return table


def _headline(key: str, label: str, now: int, before: int, policy: Policy, previous: Quarter) -> dict:
    value = None if 0 < now < policy.threshold else disclosure.round_to_base(now, policy.rounding_base)
    earlier = (
        None if 0 < before < policy.threshold else disclosure.round_to_base(before, policy.rounding_base)
    )
    change = None
    if value is not None and earlier:
        change = round(100 * (value - earlier) / earlier)
    return {
        "key": key,
        "label": label,
        "value": value,
        "previous_value": earlier,
        "previous_period": previous.label,
        "change_percent": change,
    }


def _grid(row_keys: Iterable, column_keys: Iterable, counts: dict) -> list[list[int]]:
    column_keys = list(column_keys)
    return [[counts.get((r, c), 0) for c in column_keys] for r in row_keys]


def freeze(figures: QuarterFigures) -> tuple[list[dict], list[dict]]:
    """Headline figures and tables, disclosure-controlled, as stored in an edition."""
    hate, prevent = disclosure.HATE_INCIDENTS, disclosure.PREVENT_CHANNEL
    borough_ids: list[int | None] = [b.pk for b in figures.boroughs]
    borough_names = [b.name for b in figures.boroughs]
    if any(key not in borough_ids for key in figures.incidents_by_borough):
        borough_ids.append(None)
        borough_names.append(NOT_GIVEN)
    strand_codes: list[str | None] = [s.code for s in figures.strands]
    strand_labels = [s.label for s in figures.strands]
    strand_codes.append(None)
    strand_labels.append(NOT_RECORDED)

    by_strand = CountsTable(
        name=edition_audit.BY_STRAND,
        title="Hate incidents by borough and strand",
        description="An incident can be recorded under more than one strand, so the totals count "
        "strand records, not incidents.",
        row_header="Borough",
        rows=borough_names,
        columns=strand_labels,
        cells=_grid(borough_ids, strand_codes, figures.incidents_by_borough_and_strand),
        policy=hate,
        total_label="All strand records",
    )
    by_borough = CountsTable(
        name=edition_audit.BY_BOROUGH,
        title="Hate incidents by borough",
        description="Hate incidents received in the quarter, by the borough where they happened.",
        row_header="Borough",
        rows=borough_names,
        columns=["Hate incidents"],
        cells=[[figures.incidents_by_borough.get(key, 0)] for key in borough_ids],
        policy=hate,
    )
    months = figures.quarter.months()
    by_month = CountsTable(
        name=edition_audit.BY_MONTH,
        title="Hate incidents by month",
        description="Hate incidents by the month they were received.",
        row_header="Month",
        rows=[f"{m:%B %Y}" for m in months],
        columns=["Hate incidents"],
        cells=[[figures.incidents_by_month.get(m, 0)] for m in months],
        policy=hate,
    )

    tension_ids: list[int | None] = [b.pk for b in figures.boroughs]
    tension_names = [b.name for b in figures.boroughs]
    if any(key not in tension_ids for key, _ in figures.tension_by_borough_and_category):
        tension_ids.append(None)
        tension_names.append(WHOLE_AREA)
    categories = list(ReportCategory)
    tension = CountsTable(
        name=edition_audit.TENSION,
        title="Tension reports by borough and category",
        description="A report that names areas in several boroughs counts once in each.",
        row_header="Borough",
        rows=tension_names,
        columns=[c.label for c in categories],
        cells=_grid(tension_ids, [c.value for c in categories], figures.tension_by_borough_and_category),
        policy=hate,
    )
    concerns = list(ConcernType)
    by_concern = CountsTable(
        name=edition_audit.BY_CONCERN,
        title="Prevent referrals by type of concern (combined authority)",
        description="Published for the combined authority only, never by borough.",
        row_header="Type of concern",
        rows=[c.label for c in concerns],
        columns=["Referrals"],
        cells=[[figures.referrals_by_concern.get(c.value, 0)] for c in concerns],
        policy=prevent,
    )
    by_outcome = CountsTable(
        name=edition_audit.BY_OUTCOME,
        title="Prevent referrals by outcome so far (combined authority)",
        description="Where the referrals received in the quarter stood when the edition was prepared. "
        "Channel outcomes are published for the combined authority only, never by borough.",
        row_header="Outcome",
        rows=list(REFERRAL_OUTCOMES),
        columns=["Referrals"],
        cells=[
            [sum(figures.referrals_by_status.get(s, 0) for s in statuses)]
            for statuses in REFERRAL_OUTCOMES.values()
        ],
        policy=prevent,
    )
    previous = figures.quarter.previous_year()
    headlines = [
        _headline(
            "hate_incidents", "Hate incidents", figures.incidents, figures.incidents_last_year, hate, previous
        ),
        _headline(
            "tension_reports",
            "Tension reports",
            figures.tension_total,
            figures.tension_last_year,
            hate,
            previous,
        ),
        _headline(
            "prevent_referrals",
            "Prevent referrals",
            figures.referrals,
            figures.referrals_last_year,
            prevent,
            previous,
        ),
    ]
    ordered = [by_borough, by_month, by_strand, tension, by_concern, by_outcome]
    frozen = _protect_together(ordered, headlines)
    combined_population = sum(b.population or 0 for b in figures.boroughs)
    rates = _rates_table(frozen[by_borough.name], figures.boroughs, combined_population)
    return headlines, [
        frozen[by_borough.name],
        frozen[by_month.name],
        rates,
        *(frozen[t.name] for t in ordered[2:]),
    ]


def _protect_together(tables: list[CountsTable], headlines: list[dict]) -> dict[str, dict]:
    """Protect the edition's tables of counts together: they count the same records several ways,
    so each is audited against everything published beside it (edition_audit.py)."""
    facts = edition_audit.headline_facts(headlines)
    shapes = {t.name: ((*t.rows, "Total"), len(t.columns)) for t in tables}
    shapes |= {f.name: (("All", "Total"), 1) for f in facts}
    results = disclosure.publish_together(
        [t.candidate() for t in tables], facts=facts, links=edition_audit.links(shapes)
    )
    return {t.name: frozen_table(t, results[t.name]) for t in tables}
