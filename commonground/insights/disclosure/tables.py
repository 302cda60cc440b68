"""Tables of counts, the policies they are published under, and what a published table shows (pure).

Positions are (row, column) in the table with its totals: row `len(rows)` holds the column totals
and column `len(columns)` the row totals, so the grand total is at (len(rows), len(columns)).
"""

from collections.abc import Sequence
from dataclasses import dataclass

SUPPRESSED = "[c]"
TOTAL = "Total"

Position = tuple[int, int]


@dataclass(frozen=True)
class Policy:
    # Counts 1..threshold-1 are suppressed; zero is always published, so a suppressed entry is
    # never zero.
    threshold: int
    # Published counts are rounded to the nearest multiple of this; 1 means no rounding.
    rounding_base: int = 5
    # A table whose grand total is below this is not published at all.
    minimum_records: int = 0
    # No suppressed entry may be narrowed, by anyone holding what is published, to a range
    # narrower than this (largest possible value minus smallest).
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


def lines(n_rows: int, n_columns: int) -> list[tuple[list[Position], Position]]:
    """Every additive relation of the table with totals: the parts and the position of their sum.

    The first `n_rows + 1` are rows (the last of them the row of column totals), the rest columns.
    """
    found = [([(i, j) for j in range(n_columns)], (i, n_columns)) for i in range(n_rows + 1)]
    found += [([(i, j) for i in range(n_rows)], (n_rows, j)) for j in range(n_columns + 1)]
    return found


def published_view(table: Table, suppressed: set[Position], *, policy: Policy) -> PublishedTable:
    """Rounded values, each total rounded from its true value, with suppressed entries as `None`.

    A zero is never suppressed: the policy promises that zeros are published, and the auditor
    relies on it.
    """
    grid = table.with_totals()
    if any(grid[i][j] == 0 for i, j in suppressed):
        raise ValueError("a zero is always published, never suppressed")
    values = tuple(
        tuple(
            None if (i, j) in suppressed else round_to_base(v, policy.rounding_base)
            for j, v in enumerate(row)
        )
        for i, row in enumerate(grid)
    )
    return PublishedTable(table.rows, table.columns, values, policy.rounding_base)


def table_from_rows(rows: Sequence[str], columns: Sequence[str], cells: Sequence[Sequence[int]]) -> Table:
    return Table(tuple(rows), tuple(columns), tuple(tuple(int(v) for v in r) for r in cells))
