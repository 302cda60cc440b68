"""Suppressing, rounding and publishing tables so that the auditor is satisfied (pure: no Django).

A table is protected in four steps: primary suppression of small counts (cells and totals),
secondary suppression so that every row and column with a suppressed entry has at least two,
rounding of what is published, and the audit (`auditor.py`). When the audit refuses, more is
suppressed, step by step, and the audit runs again; a table that cannot be protected is not
published at all. Zeros are never suppressed. docs/methods/statistics.md describes each rule.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from commonground.insights.disclosure.auditor import Audit, Link, Source, audit, audit_together
from commonground.insights.disclosure.tables import (
    SUPPRESSED,
    Policy,
    Position,
    PublishedTable,
    Table,
    lines,
    published_view,
)


class DisclosureRefused(Exception):
    """The table cannot be published; `reasons` name the entries that would be disclosed."""

    def __init__(self, reasons: Sequence[str]) -> None:
        self.reasons = tuple(reasons)
        super().__init__("; ".join(self.reasons))


def primary_suppression(table: Table, *, policy: Policy) -> set[Position]:
    grid = table.with_totals()
    return {(i, j) for i, row in enumerate(grid) for j, v in enumerate(row) if 0 < v < policy.threshold}


def _complement(
    line: list[Position], grid: list[list[int]], suppressed: set[Position], *, across_rows: bool
) -> Position | None:
    """The entry to suppress alongside the suppressed entries of `line`, or `None` if there is none.

    Never a zero (zeros are always published). Prefer an entry whose crossing line (its column when
    `line` is a row, and the reverse) already has exactly one suppressed entry, since suppressing
    it protects both lines; then one whose crossing line needs nothing more; then the smallest
    value; parts before the sum.
    """
    candidates = [p for p in line if p not in suppressed and grid[p[0]][p[1]] > 0]
    if not candidates:
        return None

    def crossing_need(p: Position) -> int:
        if across_rows:
            crossing = sum((i, p[1]) in suppressed for i in range(len(grid)))
        else:
            crossing = sum((p[0], j) in suppressed for j in range(len(grid[0])))
        return 0 if crossing == 1 else 1 if crossing >= 2 else 2

    return min(candidates, key=lambda p: (crossing_need(p), grid[p[0]][p[1]], p == line[-1], p))


def _lines_with_totals(table: Table) -> list[tuple[list[Position], bool]]:
    """Each row and column of the table with its total, and whether it is a row."""
    n_rows = len(table.rows)
    return [
        ([*parts, total], index <= n_rows)
        for index, (parts, total) in enumerate(lines(n_rows, len(table.columns)))
    ]


def secondary_suppression(table: Table, suppressed: set[Position]) -> set[Position]:
    """Suppress more until no row or column of the table (totals included) has exactly one suppressed."""
    grid = table.with_totals()
    result = set(suppressed)
    changed = True
    while changed:
        changed = False
        for line, across_rows in _lines_with_totals(table):
            if sum(p in result for p in line) == 1:
                chosen = _complement(line, grid, result, across_rows=across_rows)
                if chosen is not None:
                    result.add(chosen)
                    changed = True
    return result


def strengthen(table: Table, suppressed: set[Position], disclosed: set[Position]) -> set[Position] | None:
    """More suppression for a table whose `disclosed` entries the auditor refused, or `None` when
    there is nothing left to suppress.

    Each time it is asked it goes one step further: first one more entry in each row and column of
    a disclosed entry; if those have none to spare, every non-zero entry of those rows and columns;
    then every non-zero entry but the grand total.
    """
    grid = table.with_totals()
    affected = [(line, rows) for line, rows in _lines_with_totals(table) if set(line) & disclosed]
    added: set[Position] = set()
    for line, across_rows in affected:
        chosen = _complement(line, grid, suppressed | added, across_rows=across_rows)
        if chosen is not None:
            added.add(chosen)
    if not added:
        added = {p for line, _ in affected for p in line if grid[p[0]][p[1]] > 0} - suppressed
    if not added:
        grand = (len(grid) - 1, len(grid[0]) - 1)
        everything = {(i, j) for i, row in enumerate(grid) for j, v in enumerate(row) if v > 0}
        added = everything - {grand} - suppressed
    if not added:
        return None
    return secondary_suppression(table, suppressed | added)


@dataclass(frozen=True)
class Protection:
    published: PublishedTable
    primary: frozenset[Position]
    secondary: frozenset[Position]
    audit: Audit


def protect(table: Table, *, policy: Policy) -> Protection:
    """Suppress, round and audit, suppressing more until the auditor is satisfied or nothing more
    can be suppressed (the returned audit then still refuses, and `publish` withholds the table)."""
    primary = primary_suppression(table, policy=policy)
    suppressed = secondary_suppression(table, primary)
    while True:
        view = published_view(table, suppressed, policy=policy)
        result = audit(view, policy=policy)
        more = strengthen(table, suppressed, set(result.disclosed)) if result.refused else None
        if more is None:
            return Protection(view, frozenset(primary), frozenset(suppressed - primary), result)
        suppressed = more


def _too_few_records(table: Table, policy: Policy) -> DisclosureRefused | None:
    if table.grand_total < policy.minimum_records:
        return DisclosureRefused(
            (f"the table holds {table.grand_total} records, fewer than the {policy.minimum_records} needed",)
        )
    return None


def publish(table: Table, *, policy: Policy) -> PublishedTable:
    """Protect the table and return what may be published; raise `DisclosureRefused` otherwise."""
    refusal = _too_few_records(table, policy)
    if refusal:
        raise refusal
    protection = protect(table, policy=policy)
    # Audit what actually goes out, not what the protection step believed it produced.
    final = audit(protection.published, policy=policy)
    if final.refused:
        raise DisclosureRefused(final.reasons)
    return protection.published


@dataclass(frozen=True)
class Candidate:
    """A table to publish alongside others, under its own policy."""

    name: str
    table: Table
    policy: Policy


def publish_together(
    candidates: Sequence[Candidate], *, facts: Sequence[Source] = (), links: Sequence[Link] = ()
) -> dict[str, PublishedTable | DisclosureRefused]:
    """Protect tables that are published together, auditing them jointly.

    Each is first protected on its own. Then everything that would be published (with `facts`, the
    figures published beside them) is audited together through the `links` between tables; a table
    the joint audit refuses has more suppressed, and one that cannot be protected is withheld (its
    links are dropped, since a withheld table tells the reader nothing). What is returned is exactly
    what the last joint audit passed.
    """
    results: dict[str, PublishedTable | DisclosureRefused] = {}
    suppressed: dict[str, set[Position]] = {}
    by_name = {c.name: c for c in candidates}
    for candidate in candidates:
        refusal = _too_few_records(candidate.table, candidate.policy)
        if refusal:
            results[candidate.name] = refusal
            continue
        protection = protect(candidate.table, policy=candidate.policy)
        if protection.audit.refused:
            results[candidate.name] = DisclosureRefused(protection.audit.reasons)
        else:
            suppressed[candidate.name] = set(protection.published.suppressed)
    while True:
        views = {
            name: published_view(by_name[name].table, cells, policy=by_name[name].policy)
            for name, cells in suppressed.items()
        }
        present = set(views) | {fact.name for fact in facts}
        sources = [Source(name, view, by_name[name].policy) for name, view in views.items()] + list(facts)
        usable = [link for link in links if {name for name, _ in (*link.parts, *link.whole)} <= present]
        audits = audit_together(sources, usable) if views else {}
        refused = [name for name in views if audits[name].refused]
        if not refused:
            return results | views
        for name in refused:
            more = strengthen(by_name[name].table, suppressed[name], set(audits[name].disclosed))
            if more is None:
                results[name] = DisclosureRefused(audits[name].reasons)
                del suppressed[name]
            else:
                suppressed[name] = more


def publishable_rate(*, numerator: int, denominator: int, policy: Policy, per: float = 100.0) -> float | None:
    """A rate or percentage, or `None` (shown as [c]) when publishing it could disclose a small count.

    Suppressed when the denominator is below the policy's minimum, or when either the numerator or
    the rest of the denominator is a small count (95% of 20 tells you that one person did not).
    """
    if denominator <= 0 or denominator < policy.minimum_denominator:
        return None
    rest = denominator - numerator
    if 0 < numerator < policy.threshold or 0 < rest < policy.threshold:
        return None
    return per * numerator / denominator


def display_rate(value: float | None, *, places: int = 1) -> str:
    return SUPPRESSED if value is None else f"{value:.{places}f}"
