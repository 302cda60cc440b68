"""The auditor models the published policy exactly: a suppressed entry is never zero, a published
one is rounded and not a small count, and tables published together are audited together. What it
passes cannot be narrowed by anyone who solves the published constraints in whole numbers."""

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import Bounds, LinearConstraint, milp

from commonground.insights.disclosure import (
    HATE_INCIDENTS,
    PREVENT_CHANNEL,
    Bound,
    Candidate,
    DisclosureRefused,
    Link,
    Policy,
    PublishedTable,
    Source,
    audit,
    audit_together,
    publish,
    publish_together,
    published_view,
    rounding_range,
    table_from_rows,
)
from commonground.insights.disclosure.auditor import disclosure_of

# Six boroughs with one or two incidents of one strand each (7 in all, published as 5), beside a
# large strand. Suppressing the whole small column and its partners leaves its total published.
SIX_SMALL = table_from_rows(
    [f"Borough {n}" for n in range(6)],
    ["Disability", "Race"],
    [[1, 20], [1, 21], [1, 22], [1, 23], [1, 24], [2, 25]],
)
SIX_SMALL_SUPPRESSED = {(i, j) for i in range(6) for j in range(2)}


def test_six_suppressed_cells_under_a_published_total_of_five_are_known_to_be_one_or_two():
    # Read with "a suppressed count may be 0", each cell could be 0 to 7, which the old audit
    # passed. But zeros are published, so each is at least 1: six of them add up to 5 to 7, so
    # each is at most 7 - 5 = 2.
    view = published_view(SIX_SMALL, SIX_SMALL_SUPPRESSED, policy=HATE_INCIDENTS)
    assert view.values[6][0] == 5
    result = audit(view, policy=HATE_INCIDENTS)
    assert result.refused
    assert {(result.bound((i, 0)).lower, result.bound((i, 0)).upper) for i in range(6)} == {(1, 2)}
    assert "Borough 0 / Disability: can be worked out to lie between 1 and 2" in result.reasons[0]


def test_a_range_narrower_than_the_protection_interval_is_refused_even_above_the_threshold():
    policy = Policy(threshold=5, rounding_base=1, protection_interval=3)
    assert disclosure_of(Bound((0, 0), "A / X", 40, 41), policy=policy) == (
        "A / X: can be narrowed to 40 to 41, a range narrower than the protection interval of 3"
    )
    assert disclosure_of(Bound((0, 0), "A / X", 40, 43), policy=policy) is None
    assert disclosure_of(Bound((0, 0), "A / X", 1, float("inf")), policy=policy) is None


def test_a_total_suppressed_in_one_table_is_known_from_another_published_with_it():
    policy = Policy(threshold=5, rounding_base=1)
    # By borough: A = 3 and B = 1, everything suppressed. Alone, nothing bounds it.
    by_borough = published_view(
        table_from_rows("AB", ["Incidents"], [[3], [1]]),
        {(0, 0), (0, 1), (1, 0), (1, 1), (2, 0), (2, 1)},
        policy=policy,
    )
    assert not audit(by_borough, policy=policy).refused
    # By month, the same 4 incidents: one month of 4, the others 0; its grand total is suppressed
    # too, but the month total is published as... nothing; a headline says the total is a small count.
    headline = PublishedTable(("All",), ("Incidents",), ((None, None), (None, None)), 1)
    sources = [Source("by-borough", by_borough, policy), Source("headline", headline, policy, audited=False)]
    links = [Link(parts=(("by-borough", (2, 1)),), whole=(("headline", (0, 0)),))]
    together = audit_together(sources, links)["by-borough"]
    assert together.refused
    assert together.bound((0, 0)).upper == 3  # at most 4 - 1, since B is at least 1


def test_a_table_linked_to_a_published_total_in_another_is_audited_with_it():
    policy = Policy(threshold=5, rounding_base=1)
    # One row of 2 and 3, all suppressed: alone, nothing bounds it.
    everything = {(i, j) for i in range(2) for j in range(3)}
    first = published_view(table_from_rows("A", "XY", [[2, 3]]), everything, policy=policy)
    assert not audit(first, policy=policy).refused
    # Published beside a table whose total of the same records is 5, each is 1 to 4.
    second = published_view(table_from_rows(["All"], ["Incidents"], [[5]]), set(), policy=policy)
    links = [Link(parts=(("first", (1, 2)),), whole=(("second", (1, 1)),))]
    together = audit_together([Source("first", first, policy), Source("second", second, policy)], links)
    assert together["first"].refused
    assert (together["first"].bound((0, 0)).lower, together["first"].bound((0, 0)).upper) == (1, 4)


def test_publishing_together_withholds_a_table_that_cannot_be_protected_against_the_others():
    policy = Policy(threshold=5, rounding_base=1)
    headline = PublishedTable(("All",), ("Incidents",), ((None, None), (None, None)), 1)
    results = publish_together(
        [Candidate("by-borough", table_from_rows("AB", ["Incidents"], [[3], [1]]), policy)],
        facts=[Source("headline", headline, policy, audited=False)],
        links=[Link(parts=(("by-borough", (2, 1)),), whole=(("headline", (0, 0)),))],
    )
    assert isinstance(results["by-borough"], DisclosureRefused)


def test_publishing_together_returns_what_the_joint_audit_passed():
    big = table_from_rows("ABC", "XY", [[30, 20], [25, 40], [3, 50]])
    months = table_from_rows(["April", "May", "June"], ["Incidents"], [[60], [50], [58]])
    results = publish_together(
        [Candidate("big", big, HATE_INCIDENTS), Candidate("months", months, HATE_INCIDENTS)],
        links=[Link(parts=(("big", (3, 2)),), whole=(("months", (3, 1)),))],
    )
    assert results["big"].values[2][0] is None
    assert results["months"].values[3][1] == 170


def test_a_published_table_that_contradicts_the_rules_is_refused_and_the_others_still_audited():
    # Published before zeros were always published: row A's total is 0, yet one of its cells is
    # [c]. Under the published rule that cell is at least 1, which cannot be.
    policy = Policy(threshold=5, rounding_base=1)
    contradicting = PublishedTable(("A", "B"), ("X", "Y"), ((None, 0, 0), (None, 20, 30), (10, 20, 30)), 1)
    fine = published_view(table_from_rows("AB", "XY", [[30, 20], [25, 40]]), set(), policy=policy)
    audits = audit_together([Source("old", contradicting, policy), Source("fine", fine, policy)])
    assert audits["old"].refused and "contradicts the published rules" in audits["old"].reasons[0]
    assert not audits["fine"].refused


# --- The attacker's exact integer programme, written independently of the auditor ------------------


def integer_ranges(view: PublishedTable, policy: Policy) -> dict:
    """For each suppressed entry, its least and greatest whole-number value given what is published."""
    n_rows, n_columns = len(view.values), len(view.values[0])
    size = n_rows * n_columns
    lower, upper = np.zeros(size), np.zeros(size)
    for i, row in enumerate(view.values):
        for j, value in enumerate(row):
            k = i * n_columns + j
            if value is None:
                lower[k], upper[k] = 1, 10**6
            else:
                low, high = rounding_range(value, view.rounding_base)
                possible = [v for v in range(low, high + 1) if v == 0 or v >= policy.threshold]
                lower[k], upper[k] = min(possible), max(possible)
    equations = []
    for i in range(n_rows):
        row = np.zeros(size)
        row[i * n_columns : i * n_columns + n_columns - 1] = 1
        row[i * n_columns + n_columns - 1] = -1
        equations.append(row)
    for j in range(n_columns):
        column = np.zeros(size)
        column[[i * n_columns + j for i in range(n_rows - 1)]] = 1
        column[(n_rows - 1) * n_columns + j] = -1
        equations.append(column)
    constraint = LinearConstraint(np.array(equations), 0, 0)
    ranges = {}
    for i, j in view.suppressed:
        objective = np.zeros(size)
        objective[i * n_columns + j] = 1
        least = milp(
            objective, integrality=np.ones(size), bounds=Bounds(lower, upper), constraints=constraint
        )
        greatest = milp(
            -objective, integrality=np.ones(size), bounds=Bounds(lower, upper), constraints=constraint
        )
        assert least.status == 0 and greatest.status == 0
        top = round(greatest.x[i * n_columns + j])
        ranges[(i, j)] = (round(least.x[i * n_columns + j]), float("inf") if top > 10**5 else top)
    return ranges


@st.composite
def awkward_tables(draw):
    """Columns of four kinds: structural zeros, small counts, mixed, large."""
    n_rows, n_columns = draw(st.integers(2, 7)), draw(st.integers(1, 5))
    kinds = draw(
        st.lists(st.sampled_from(["zero", "small", "mixed", "large"]), min_size=n_columns, max_size=n_columns)
    )
    ranges = {"zero": (0, 0), "small": (0, 3), "mixed": (0, 12), "large": (0, 60)}
    cells = [[draw(st.integers(*ranges[kind])) for kind in kinds] for _ in range(n_rows)]
    return table_from_rows([f"r{i}" for i in range(n_rows)], [f"c{j}" for j in range(n_columns)], cells)


POLICIES = [HATE_INCIDENTS, PREVENT_CHANNEL, Policy(threshold=5, rounding_base=1, protection_interval=3)]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(table=awkward_tables(), policy=st.sampled_from(POLICIES))
def test_nothing_published_can_be_narrowed_by_exact_integer_solving(table, policy):
    try:
        published = publish(table, policy=policy)
    except DisclosureRefused:
        return  # withheld: nothing is published
    grid = table.with_totals()
    for (i, j), (least, greatest) in integer_ranges(published, policy).items():
        assert least <= grid[i][j] <= greatest
        assert not (least >= 1 and greatest <= policy.threshold - 1), (i, j, least, greatest)
        assert greatest - least >= policy.protection_interval, (i, j, least, greatest)


@pytest.mark.parametrize("policy", POLICIES)
def test_the_table_from_the_security_test_is_published_safely_or_withheld(policy):
    try:
        published = publish(SIX_SMALL, policy=policy)
    except DisclosureRefused:
        return
    for least, greatest in integer_ranges(published, policy).values():
        assert greatest >= policy.threshold and greatest - least >= policy.protection_interval
