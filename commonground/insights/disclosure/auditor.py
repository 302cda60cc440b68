"""The auditor: what someone holding everything published can work out about each suppressed entry.

It solves, for every suppressed entry, for its least and greatest whole-number value consistent
with what is published, and refuses a table when that range is too informative. It audits several
tables together when they share totals: a total published in one table constrains the cells of
another. docs/methods/statistics.md, section 5, says what the reader is assumed to know.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from math import inf

import numpy as np
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, linprog, milp

from commonground.insights.disclosure.tables import Policy, Position, PublishedTable, lines, rounding_range

# Solutions are floats: within this of a whole number counts as that number.
_TOLERANCE = 1e-6

# An entry of one of the published tables: the table's name and the entry's position.
Ref = tuple[str, Position]


@dataclass(frozen=True)
class Source:
    """One published table as the reader sees it, with the policy it was published under.

    A source that is not `audited` is a fact the reader knows (a headline figure): it constrains
    the others but is not itself judged, and a suppressed entry in it is known to be a small count,
    since a headline is suppressed only for being one.
    """

    name: str
    table: PublishedTable
    policy: Policy
    audited: bool = True


@dataclass(frozen=True)
class Link:
    """Entries of different tables that count the same things: the sum of `parts` equals the sum
    of `whole`, or, when not `exact`, is at most it."""

    parts: tuple[Ref, ...]
    whole: tuple[Ref, ...]
    exact: bool = True


@dataclass(frozen=True)
class Bound:
    position: Position
    label: str
    lower: int
    upper: float  # a whole number, or `inf` when nothing published limits the entry


@dataclass(frozen=True)
class Audit:
    bounds: tuple[Bound, ...]
    refused: bool
    reasons: tuple[str, ...]
    disclosed: frozenset[Position] = field(default_factory=frozenset)

    def bound(self, position: Position) -> Bound:
        return next(b for b in self.bounds if b.position == position)


def published_limits(value: int, *, base: int, threshold: int) -> tuple[int, int]:
    """What a reader knows of a published entry: it rounds to `value` and is not a small count.

    The policy is public, so a published entry is 0 or at least the threshold. Where that leaves two
    separate pieces (0, or the threshold and up), the range covers both, which can only widen the
    bounds the auditor finds.
    """
    low, high = rounding_range(value, base)
    if low >= threshold or (low == 0 and high >= threshold):
        return low, high
    if high < threshold:
        return 0, 0
    return threshold, high


def disclosure_of(bound: Bound, *, policy: Policy) -> str | None:
    """Why this suppressed entry is disclosed, or `None` if it is protected.

    Disclosed when it is known to be a small count (its whole range lies in 1 to threshold - 1),
    or when its range is narrower than the protection interval.
    """
    if bound.upper < policy.threshold:
        return (
            f"{bound.label}: can be worked out to lie between {bound.lower} and {bound.upper:g}, "
            f"a count below the threshold of {policy.threshold}"
        )
    if bound.upper - bound.lower < policy.protection_interval:
        return (
            f"{bound.label}: can be narrowed to {bound.lower} to {bound.upper:g}, "
            f"a range narrower than the protection interval of {policy.protection_interval}"
        )
    return None


class _Model:
    """Every entry of every source as one integer variable, with what the reader knows of it."""

    def __init__(self, sources: list[Source], links: list[Link]) -> None:
        self.offsets: dict[str, int] = {}
        self.widths: dict[str, int] = {}
        width = 0
        for source in sources:
            self.offsets[source.name] = width
            self.widths[source.name] = len(source.table.values[0])
            width += len(source.table.values) * len(source.table.values[0])
        self.width = width
        limits: list[tuple[float, float] | None] = []
        for source in sources:
            for row in source.table.values:
                for value in row:
                    if value is not None:
                        base, threshold = source.table.rounding_base, source.policy.threshold
                        limits.append(published_limits(value, base=base, threshold=threshold))
                    elif not source.audited:
                        limits.append((1, source.policy.threshold - 1))
                    else:
                        limits.append(None)  # suppressed: at least 1, since zeros are published
        # A bounded optimum is at most what the published entries and the known small counts
        # add up to, plus one per variable; a cap far above that stands for "no upper bound".
        self.reach = sum(limit[1] for limit in limits if limit is not None) + width + 1
        self.lower = np.array([1 if limit is None else limit[0] for limit in limits], dtype=float)
        self.upper = np.array(
            [10 * self.reach if limit is None else limit[1] for limit in limits], dtype=float
        )
        equations: list[np.ndarray] = []
        inequalities: list[np.ndarray] = []
        for source in sources:
            n_rows, n_columns = len(source.table.values) - 1, len(source.table.values[0]) - 1
            for parts, total in lines(n_rows, n_columns):
                row = np.zeros(width)
                for position in parts:
                    row[self.index((source.name, position))] += 1
                row[self.index((source.name, total))] -= 1
                equations.append(row)
        for link in links:
            row = np.zeros(width)
            for ref in link.parts:
                row[self.index(ref)] += 1
            for ref in link.whole:
                row[self.index(ref)] -= 1
            (equations if link.exact else inequalities).append(row)
        self.equations = np.array(equations).reshape(-1, width)
        self.inequalities = np.array(inequalities).reshape(-1, width)

    def index(self, ref: Ref) -> int:
        name, (i, j) = ref
        return self.offsets[name] + i * self.widths[name] + j

    def feasible(self) -> bool:
        solution = linprog(
            np.zeros(self.width),
            A_eq=self.equations if len(self.equations) else None,
            b_eq=np.zeros(len(self.equations)) if len(self.equations) else None,
            A_ub=self.inequalities if len(self.inequalities) else None,
            b_ub=np.zeros(len(self.inequalities)) if len(self.inequalities) else None,
            bounds=np.column_stack([self.lower, self.upper]),
            method="highs",
        )
        return solution.status == 0

    def solve(self, targets: list[int]) -> list[tuple[float, float]]:
        """The least and greatest whole-number value of each target variable.

        All the bounds are first found together by linear programming, as one programme made of
        independent copies of the model (one copy per bound). Where a copy's optimum is all whole
        numbers it is also the integer optimum; where it is not, that bound is found again by
        integer programming, so the bounds are always the exact whole-number ones.
        """
        copies = 2 * len(targets)
        objective = np.zeros((copies, self.width))
        for t, k in enumerate(targets):
            objective[t, k], objective[len(targets) + t, k] = 1, -1
        identity = sparse.identity(copies)
        solution = linprog(
            objective.ravel(),
            A_eq=sparse.kron(identity, sparse.csr_matrix(self.equations), format="csr"),
            b_eq=np.zeros(copies * len(self.equations)),
            A_ub=sparse.kron(identity, sparse.csr_matrix(self.inequalities), format="csr")
            if len(self.inequalities)
            else None,
            b_ub=np.zeros(copies * len(self.inequalities)) if len(self.inequalities) else None,
            bounds=np.column_stack([np.tile(self.lower, copies), np.tile(self.upper, copies)]),
            method="highs",
        )
        if solution.status != 0:
            raise ValueError(f"what is published is inconsistent with the policy ({solution.message})")
        x = solution.x.reshape(copies, self.width)
        values = []
        for copy in range(copies):
            k = targets[copy % len(targets)]
            if np.all(np.abs(x[copy] - np.round(x[copy])) < _TOLERANCE):
                values.append(float(np.round(x[copy, k])))
            else:
                values.append(self._integer_optimum(objective[copy], k))
        ranges = []
        for t in range(len(targets)):
            least, greatest = values[t], values[len(targets) + t]
            ranges.append((least, inf if greatest > 2 * self.reach else greatest))
        return ranges

    def _integer_optimum(self, objective: np.ndarray, k: int) -> float:
        constraints = [LinearConstraint(self.equations, 0, 0)]
        if len(self.inequalities):
            constraints.append(LinearConstraint(self.inequalities, -inf, 0))
        result = milp(
            objective,
            integrality=np.ones(self.width),
            bounds=Bounds(self.lower, self.upper),
            constraints=constraints,
        )
        if result.status != 0:
            raise ValueError(f"what is published is inconsistent with the policy ({result.message})")
        return float(np.round(result.x[k]))


def _inconsistent(source: Source) -> Audit:
    reason = (
        f"{source.name}: what is published contradicts the published rules "
        "(a suppressed entry would have to be zero, or a published one a small count)"
    )
    return Audit((), True, (reason,), source.table.suppressed)


def audit_together(sources: list[Source], links: Sequence[Link] = ()) -> dict[str, Audit]:
    """Audit every audited source against everything published with it, jointly."""
    audited = [s for s in sources if s.audited]
    targets = [(s, p) for s in audited for p in sorted(s.table.suppressed)]
    model = _Model(sources, list(links))
    try:
        ranges = model.solve([model.index((s.name, p)) for s, p in targets]) if targets else []
    except ValueError:
        return _audit_without_inconsistent(sources, list(links))
    found: dict[str, list[Bound]] = {s.name: [] for s in audited}
    for (source, position), (low, high) in zip(targets, ranges, strict=True):
        found[source.name].append(Bound(position, source.table.label(position), int(low), high))
    audits = {}
    for source in audited:
        reasons, disclosed = [], set()
        for bound in found[source.name]:
            reason = disclosure_of(bound, policy=source.policy)
            if reason:
                reasons.append(reason)
                disclosed.add(bound.position)
        audits[source.name] = Audit(
            tuple(found[source.name]), bool(reasons), tuple(reasons), frozenset(disclosed)
        )
    return audits


def _audit_without_inconsistent(sources: list[Source], links: list[Link]) -> dict[str, Audit]:
    """Refuse the sources that contradict the policy on their own (all of them if none does alone),
    and audit the rest without them."""
    audited = [s for s in sources if s.audited]
    blamed = [s for s in audited if not _Model([s], []).feasible()] or audited
    names = {s.name for s in blamed}
    rest = [s for s in sources if s.name not in names]
    kept = [link for link in links if not {name for name, _ in (*link.parts, *link.whole)} & names]
    audits = audit_together(rest, kept) if any(s.audited for s in rest) else {}
    return audits | {s.name: _inconsistent(s) for s in blamed}


def audit(published: PublishedTable, *, policy: Policy) -> Audit:
    """Audit one table on its own."""
    return audit_together([Source("table", published, policy)])["table"]
