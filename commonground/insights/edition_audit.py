"""An edition's tables as the auditor sees them: what each published table is, and how the tables
and headline figures of one edition constrain each other (reads no database).

The tables of an edition count the same records several ways, and a reader can combine them:
- hate incidents by borough, hate incidents by month and the headline count of hate incidents all
  total the same incidents;
- an incident carries one or more strand records, so in each borough (and in all), each strand's
  count is at most the number of incidents, and the strand records add up to at least it;
- a tension report counts once in each borough it names, so each borough's reports are at most
  all reports (the headline), and the table's total at least it;
- Prevent referrals by type of concern, by outcome, and the headline count total the same
  referrals.
`links` states these relations; `audit_edition` audits a frozen edition's published tables
jointly with them, which is how editions are frozen (`releases.freeze`) and re-audited
(`manage.py reaudit_editions`).
"""

import itertools
from collections.abc import Sequence

from commonground.insights import disclosure
from commonground.insights.disclosure import Audit, Link, Policy, PublishedTable, Source

BY_BOROUGH = "hate-incidents-by-borough"
BY_MONTH = "hate-incidents-by-month"
BY_STRAND = "hate-incidents-by-borough-and-strand"
TENSION = "tension-reports-by-borough-and-category"
BY_CONCERN = "prevent-referrals-by-type-of-concern"
BY_OUTCOME = "prevent-referrals-by-outcome"
RATES_BY_BOROUGH = "hate-incident-rates-by-borough"
# Tables worked out from another: they show its figures, so they go wherever it goes.
DERIVED = {BY_BOROUGH: (RATES_BY_BOROUGH,)}
HEADLINE = "headline:"  # a headline figure as a one-entry table, named by its key
HATE_HEADLINE, TENSION_HEADLINE, PREVENT_HEADLINE = (
    f"{HEADLINE}hate_incidents",
    f"{HEADLINE}tension_reports",
    f"{HEADLINE}prevent_referrals",
)

# Shape: the row labels (the last is the total row) and the number of columns before the total.
Shape = tuple[tuple[str, ...], int]


def _grand(name: str, shapes: dict[str, Shape]) -> tuple[str, tuple[int, int]]:
    rows, n_columns = shapes[name]
    return name, (len(rows) - 1, n_columns)


def links(shapes: dict[str, Shape]) -> list[Link]:
    """The relations between the entries of the tables present, given each one's shape."""
    found: list[Link] = []

    def same_total(*names: str) -> None:
        present = [n for n in names if n in shapes]
        found.extend(
            Link(parts=(_grand(a, shapes),), whole=(_grand(b, shapes),))
            for a, b in itertools.pairwise(present)
        )

    same_total(BY_BOROUGH, BY_MONTH, HATE_HEADLINE)
    same_total(BY_CONCERN, BY_OUTCOME, PREVENT_HEADLINE)
    if BY_STRAND in shapes and BY_BOROUGH in shapes:
        strand_rows, n_strands = shapes[BY_STRAND]
        borough_rows = {label: i for i, label in enumerate(shapes[BY_BOROUGH][0])}
        for i, label in enumerate(strand_rows):
            if label not in borough_rows:
                continue
            incidents = (BY_BOROUGH, (borough_rows[label], 0))
            found += [
                Link(parts=((BY_STRAND, (i, j)),), whole=(incidents,), exact=False) for j in range(n_strands)
            ]
            found.append(Link(parts=(incidents,), whole=((BY_STRAND, (i, n_strands)),), exact=False))
    if TENSION in shapes and TENSION_HEADLINE in shapes:
        rows, n_columns = shapes[TENSION]
        headline = (TENSION_HEADLINE, (0, 0))
        found.append(Link(parts=(headline,), whole=(_grand(TENSION, shapes),), exact=False))
        found += [
            Link(parts=((TENSION, (i, n_columns)),), whole=(headline,), exact=False)
            for i in range(len(rows) - 1)
        ]
    return found


def headline_facts(headlines: Sequence[dict]) -> list[Source]:
    """Each headline figure as a one-entry table the reader knows (suppressed only when small)."""
    policies = {
        HATE_HEADLINE: disclosure.HATE_INCIDENTS,
        TENSION_HEADLINE: disclosure.HATE_INCIDENTS,
        PREVENT_HEADLINE: disclosure.PREVENT_CHANNEL,
    }
    facts = []
    for headline in headlines:
        name = f"{HEADLINE}{headline['key']}"
        if name in policies:
            value = headline["value"]
            table = PublishedTable(("All",), ("Count",), ((value, value), (value, value)), 5)
            facts.append(Source(name, table, policies[name], audited=False))
    return facts


def _policy(frozen: dict) -> Policy:
    stored = frozen["policy"]
    known = {p.threshold: p for p in (disclosure.HATE_INCIDENTS, disclosure.PREVENT_CHANNEL)}
    default = known.get(stored["threshold"])
    return Policy(
        threshold=stored["threshold"],
        rounding_base=stored["rounding_base"],
        minimum_records=stored.get("minimum_records", 0),
        protection_interval=stored.get("protection_interval", default.protection_interval if default else 0),
    )


def published_source(frozen: dict) -> Source:
    """A frozen table of counts as the auditor sees it; a table of one column gets back the total
    column that was left out because it repeated the column."""
    values = [list(row) for row in frozen["cells"]]
    columns = list(frozen["columns"])
    if len(columns) == 1:
        values = [[row[0], row[0]] for row in values]
    else:
        columns = columns[:-1]
    policy = _policy(frozen)
    table = PublishedTable(
        tuple(frozen["rows"][:-1]), tuple(columns), tuple(tuple(row) for row in values), policy.rounding_base
    )
    return Source(frozen["name"], table, policy)


def audit_edition(headlines: Sequence[dict], tables: Sequence[dict]) -> dict[str, Audit]:
    """Audit every published table of counts of a frozen edition, jointly; by table name."""
    sources = [published_source(t) for t in tables if t["kind"] == "counts" and not t["withheld"]]
    facts = headline_facts(headlines)
    shapes = {s.name: ((*s.table.rows, "Total"), len(s.table.columns)) for s in [*sources, *facts]}
    if not sources:
        return {}
    return disclosure.audit_together([*sources, *facts], links(shapes))
