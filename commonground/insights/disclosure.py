"""Statistical disclosure control for tables that leave the staff area (pure: no Django).

A table is protected in four steps: primary suppression of small counts (cells and totals),
secondary suppression so that every row and column with a suppressed entry has at least two,
rounding of what is published, and an audit that works out, by linear programming, the range each
suppressed entry can take given everything published. `publish` refuses any table the audit
refuses. docs/methods/statistics.md describes each rule and why it was chosen.

Positions are (row, column) in the table with its totals: row `len(rows)` holds the column totals
and column `len(columns)` the row totals, so the grand total is at (len(rows), len(columns)).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from math import ceil, floor

import numpy as np
from scipy import sparse
from scipy.optimize import linprog

SUPPRESSED = "[c]"
TOTAL = "Total"
# LP solutions are floats; true values are integers, so bounds are rounded outwards after this slack.
_TOLERANCE = 1e-6

Position = tuple[int, int]


@dataclass(frozen=True)
class Policy:
    # Counts 1..threshold-1 are suppressed; zero is published.
    threshold: int
    # Published counts are rounded to the nearest multiple of this; 1 means no rounding.
    rounding_base: int = 5
    # A table whose grand total is below this is not published at all.
    minimum_records: int = 0
    # A suppressed entry that could be below the threshold must not be narrowed to a range this
    # narrow; 0 keeps only the essential rule (never pinned below the threshold).
    protection_interval: int = 0
    # Rates and percentages are suppressed when their denominator is below this.
    minimum_denominator: int = 0

    def __post_init__(self) -> None:
        if self.threshold < 1 or self.rounding_base < 1:
            raise ValueError("threshold and rounding base must be at least 1")
        if not 0 <= self.protection_interval <= self.threshold:
            raise ValueError("protection interval must be between 0 and the threshold")


# Our defaults: Prevent and Channel figures are the most sensitive (re-identification and national
# security), hate incidents less so. See domain guide section 5.
PREVENT_CHANNEL = Policy(threshold=10, minimum_records=30, protection_interval=5, minimum_denominator=50)
HATE_INCIDENTS = Policy(threshold=5, minimum_records=10, protection_interval=3, minimum_denominator=20)


@dataclass(frozen=True)
class Table:
    """Counts by row and column; the totals are always computed from the cells."""

    rows: tuple[str, ...]
    columns: tuple[str, ...]
    cells: tuple[tuple[int, ...], ...]

    def __post_init__(self) -> None:
        if not self.rows or not self.columns:
            raise ValueError("a table needs at least one row and one column")
        if len(self.cells) != len(self.rows) or any(len(r) != len(self.columns) for r in self.cells):
            raise ValueError("cells must have one row per row label and one value per column label")
        if any(v < 0 or int(v) != v for r in self.cells for v in r):
            raise ValueError("cells must be non-negative whole counts")

    @property
    def row_totals(self) -> tuple[int, ...]:
        return tuple(sum(r) for r in self.cells)

    @property
    def column_totals(self) -> tuple[int, ...]:
        return tuple(sum(r[j] for r in self.cells) for j in range(len(self.columns)))

    @property
    def grand_total(self) -> int:
        return sum(self.row_totals)

    def with_totals(self) -> list[list[int]]:
        """The cells with a total column on the right and a total row underneath."""
        grid = [[*r, t] for r, t in zip(self.cells, self.row_totals, strict=True)]
        grid.append([*self.column_totals, self.grand_total])
        return grid

    def label(self, position: Position) -> str:
        return _label(self.rows, self.columns, position)


@dataclass(frozen=True)
class PublishedTable:
    """What leaves the staff area: values are rounded (if the base is above 1) or `None` if suppressed."""

    rows: tuple[str, ...]
    columns: tuple[str, ...]
    # With totals, laid out as `Table.with_totals`.
    values: tuple[tuple[int | None, ...], ...]
    rounding_base: int

    @property
    def suppressed(self) -> frozenset[Position]:
        return frozenset((i, j) for i, row in enumerate(self.values) for j, v in enumerate(row) if v is None)

    def display(self) -> list[list[str]]:
        return [[SUPPRESSED if v is None else str(v) for v in row] for row in self.values]

    def label(self, position: Position) -> str:
        return _label(self.rows, self.columns, position)


def _label(rows: tuple[str, ...], columns: tuple[str, ...], position: Position) -> str:
    i, j = position
    row = rows[i] if i < len(rows) else TOTAL
    column = columns[j] if j < len(columns) else TOTAL
    return f"{row} / {column}"


def round_to_base(value: int, base: int) -> int:
    """Round half up to the nearest multiple of `base` (base 5: 0 to 2 give 0, 3 to 7 give 5)."""
    return (value + base // 2) // base * base


def rounding_range(published: int, base: int) -> tuple[int, int]:
    """The true values that round to `published` under `round_to_base`."""
    if base == 1:
        return published, published
    return max(0, published - base // 2), published + (base - 1) // 2


def _lines(n_rows: int, n_columns: int) -> list[tuple[list[Position], Position]]:
    """Every additive relation of the table with totals: the parts and the position of their sum."""
    lines = [([(i, j) for j in range(n_columns)], (i, n_columns)) for i in range(n_rows + 1)]
    lines += [([(i, j) for i in range(n_rows)], (n_rows, j)) for j in range(n_columns + 1)]
    return lines


def primary_suppression(table: Table, *, policy: Policy) -> set[Position]:
    grid = table.with_totals()
    return {(i, j) for i, row in enumerate(grid) for j, v in enumerate(row) if 0 < v < policy.threshold}


def _complement(
    line: list[Position], grid: list[list[int]], suppressed: set[Position], *, across_rows: bool
) -> Position | None:
    """The entry to suppress alongside the one suppressed entry of `line`.

    Prefer an entry whose crossing line (its column when `line` is a row, and the reverse) already
    has exactly one suppressed entry, since suppressing it protects both lines; then one whose
    crossing line needs nothing more; then the smallest non-zero value; parts before the sum.
    """
    candidates = [p for p in line if p not in suppressed]
    if not candidates:
        return None
    non_zero = [p for p in candidates if grid[p[0]][p[1]] > 0] or candidates

    def crossing_need(p: Position) -> int:
        if across_rows:
            crossing = sum((i, p[1]) in suppressed for i in range(len(grid)))
        else:
            crossing = sum((p[0], j) in suppressed for j in range(len(grid[0])))
        return 0 if crossing == 1 else 1 if crossing >= 2 else 2

    return min(non_zero, key=lambda p: (crossing_need(p), grid[p[0]][p[1]], p == line[-1], p))


def secondary_suppression(table: Table, suppressed: set[Position]) -> set[Position]:
    """Suppress more until no row or column of the table (totals included) has exactly one suppressed."""
    grid = table.with_totals()
    result = set(suppressed)
    n_rows, n_columns = len(table.rows), len(table.columns)
    changed = True
    while changed:
        changed = False
        for index, (parts, total) in enumerate(_lines(n_rows, n_columns)):
            line = [*parts, total]
            if sum(p in result for p in line) == 1:
                # The first n_rows + 1 lines are rows, the rest columns.
                chosen = _complement(line, grid, result, across_rows=index <= n_rows)
                if chosen is not None:
                    result.add(chosen)
                    changed = True
    return result


def published_view(table: Table, suppressed: set[Position], *, policy: Policy) -> PublishedTable:
    """Rounded values, each total rounded from its true value, with suppressed entries as `None`."""
    values = tuple(
        tuple(
            None if (i, j) in suppressed else round_to_base(v, policy.rounding_base)
            for j, v in enumerate(row)
        )
        for i, row in enumerate(table.with_totals())
    )
    return PublishedTable(table.rows, table.columns, values, policy.rounding_base)


# --- The auditor ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bound:
    position: Position
    label: str
    lower: float
    upper: float  # `inf` when nothing published limits the entry


@dataclass(frozen=True)
class Audit:
    bounds: tuple[Bound, ...]
    refused: bool
    reasons: tuple[str, ...]

    def bound(self, position: Position) -> Bound:
        return next(b for b in self.bounds if b.position == position)


def _published_limits(value: int, *, base: int, threshold: int) -> tuple[int, int]:
    """What a reader knows of a published entry: it rounds to `value` and is not a small count.

    The policy is public, so a reader knows that a published entry is 0 or at least the threshold.
    Where that leaves two separate pieces (0, or the threshold and up), the range covers both.
    """
    low, high = rounding_range(value, base)
    if low >= threshold or (low == 0 and high >= threshold):
        return low, high
    if high < threshold:
        return 0, 0
    return threshold, high


def _feasible_ranges(published: PublishedTable, *, threshold: int) -> dict[Position, tuple[float, float]]:
    """The least and greatest value of each suppressed entry consistent with what is published.

    Every entry (cells and totals) is a variable; a published value fixes it (or, when rounded,
    confines it to what `_published_limits` allows); suppressed entries are only known to be
    non-negative. The rows and columns must add up. This is the LP relaxation of the integer
    problem, so its bounds contain the true ones; for a two-way table with its totals the
    constraint matrix is totally unimodular, so they are in fact the integer bounds.

    Each bound is its own linear programme. They are solved together, as one programme made of
    independent copies of the table (one copy per bound): its optimum is optimal in every copy,
    so the answers are the same as solving them one at a time, with one call to the solver.
    """
    values = published.values
    n_rows, n_columns = len(values) - 1, len(values[0]) - 1
    width = (n_rows + 1) * (n_columns + 1)
    targets = sorted(published.suppressed)
    if not targets:
        return {}
    limits = [
        None if v is None else _published_limits(v, base=published.rounding_base, threshold=threshold)
        for row in values
        for v in row
    ]
    # A suppressed entry with nothing published to hold it is unbounded. A bounded optimum is
    # at most the sum of the published upper limits, so a cap well above that changes nothing
    # else, and reaching past half of it means "no upper bound".
    reach = sum(limit[1] for limit in limits if limit is not None) + 1
    cap = 4 * reach
    lower = np.array([0 if limit is None else limit[0] for limit in limits], dtype=float)
    upper = np.array([cap if limit is None else limit[1] for limit in limits], dtype=float)
    equations = np.zeros((2 * n_rows + 2 + n_columns, width))
    for k, (parts, total) in enumerate(_lines(n_rows, n_columns)):
        for i, j in parts:
            equations[k, i * (n_columns + 1) + j] = 1
        equations[k, total[0] * (n_columns + 1) + total[1]] = -1
    copies = 2 * len(targets)
    objective = np.zeros((copies, width))
    for t, (i, j) in enumerate(targets):
        objective[t, i * (n_columns + 1) + j] = 1  # the least value, in copy t
        objective[len(targets) + t, i * (n_columns + 1) + j] = -1  # the greatest, in the next ones
    solution = linprog(
        objective.ravel(),
        A_eq=sparse.kron(sparse.identity(copies), sparse.csr_matrix(equations), format="csr"),
        b_eq=np.zeros(copies * len(equations)),
        bounds=np.column_stack([np.tile(lower, copies), np.tile(upper, copies)]),
        method="highs",
    )
    if solution.status != 0:
        raise ValueError(f"the published table is inconsistent ({solution.message})")
    x = solution.x.reshape(copies, width)
    ranges = {}
    for t, (i, j) in enumerate(targets):
        least, greatest = x[t, i * (n_columns + 1) + j], x[len(targets) + t, i * (n_columns + 1) + j]
        ranges[(i, j)] = (float(least), float("inf") if greatest > 2 * reach else float(greatest))
    return ranges


def audit(published: PublishedTable, *, policy: Policy) -> Audit:
    """Refuse the table if any suppressed entry can be narrowed too far by someone with the table.

    The reader is assumed to know the policy. Zeros are always published, so a suppressed entry is
    taken to be non-zero. It is disclosive if its greatest possible value is below the threshold
    (it is then known to be a small count), or if it could be below the threshold and its range is
    narrower than the protection interval.
    """
    found, reasons = [], []
    for position, (low, high) in _feasible_ranges(published, threshold=policy.threshold).items():
        lower = max(0, ceil(low - _TOLERANCE))
        upper = high if high == float("inf") else floor(high + _TOLERANCE)
        bound = Bound(position, published.label(position), lower, upper)
        found.append(bound)
        reason = _disclosure(bound, policy=policy)
        if reason:
            reasons.append(reason)
    return Audit(tuple(found), bool(reasons), tuple(reasons))


def _disclosure(bound: Bound, *, policy: Policy) -> str | None:
    """Why this suppressed entry is disclosed, or `None` if it is protected."""
    if 0 < bound.upper < policy.threshold:
        return (
            f"{bound.label}: can be worked out to lie between {bound.lower} and {bound.upper}, "
            f"below the threshold of {policy.threshold}"
        )
    if bound.lower < policy.threshold and bound.upper - bound.lower < policy.protection_interval:
        return (
            f"{bound.label}: can be narrowed to {bound.lower} to {bound.upper}, "
            f"a range narrower than the protection interval of {policy.protection_interval}"
        )
    return None


# --- Protecting and publishing ----------------------------------------------------------------


@dataclass(frozen=True)
class Protection:
    published: PublishedTable
    primary: frozenset[Position]
    secondary: frozenset[Position]
    audit: Audit
    # Set when the heuristics could not satisfy the audit and every entry but the grand total was
    # suppressed instead.
    fell_back: bool = False


class DisclosureRefused(Exception):
    """The table cannot be published; `reasons` name the entries that would be disclosed."""

    def __init__(self, reasons: Sequence[str]) -> None:
        self.reasons = tuple(reasons)
        super().__init__("; ".join(self.reasons))


def protect(table: Table, *, policy: Policy) -> Protection:
    """Suppress, round and audit until the auditor is satisfied.

    When the audit refuses an entry, the smallest non-zero published entries in its row and
    column are suppressed too and the table is audited again. If that is not possible, every entry
    but the grand total is suppressed, which the audit always accepts.
    """
    primary = primary_suppression(table, policy=policy)
    suppressed = secondary_suppression(table, primary)
    grid = table.with_totals()
    lines = _lines(len(table.rows), len(table.columns))
    everything = {(i, j) for i in range(len(grid)) for j in range(len(grid[0]))}
    while True:
        view = published_view(table, suppressed, policy=policy)
        result = audit(view, policy=policy)
        if not result.refused:
            return Protection(view, frozenset(primary), frozenset(suppressed - primary), result)
        added = set()
        for bound in result.bounds:
            if _disclosure(bound, policy=policy):
                for index, (parts, total) in enumerate(lines):
                    line = [*parts, total]
                    if bound.position in line:
                        chosen = _complement(
                            line, grid, suppressed | added, across_rows=index <= len(table.rows)
                        )
                        if chosen is not None:
                            added.add(chosen)
        if added:
            suppressed = secondary_suppression(table, suppressed | added)
            continue
        grand = (len(grid) - 1, len(grid[0]) - 1)
        suppressed = everything - {grand} if grand not in suppressed else everything
        view = published_view(table, suppressed, policy=policy)
        return Protection(
            view, frozenset(primary), frozenset(suppressed - primary), audit(view, policy=policy), True
        )


def publish(table: Table, *, policy: Policy) -> PublishedTable:
    """Protect the table and return what may be published; raise `DisclosureRefused` otherwise."""
    if table.grand_total < policy.minimum_records:
        raise DisclosureRefused(
            (f"the table holds {table.grand_total} records, fewer than the {policy.minimum_records} needed",)
        )
    protection = protect(table, policy=policy)
    # Audit what actually goes out, not what the protection step believed it produced.
    final = audit(protection.published, policy=policy)
    if final.refused:
        raise DisclosureRefused(final.reasons)
    return protection.published


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


def table_from_rows(rows: Sequence[str], columns: Sequence[str], cells: Sequence[Sequence[int]]) -> Table:
    return Table(tuple(rows), tuple(columns), tuple(tuple(int(v) for v in r) for r in cells))
