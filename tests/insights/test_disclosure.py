"""Suppression, rounding and the auditor that refuses tables from which small counts can be recovered."""

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commonground.insights import disclosure
from commonground.insights.disclosure import (
    HATE_INCIDENTS,
    PREVENT_CHANNEL,
    SUPPRESSED,
    DisclosureRefused,
    Policy,
    Protection,
    Table,
    audit,
    primary_suppression,
    protect,
    publish,
    publishable_rate,
    published_view,
    round_to_base,
    rounding_range,
    secondary_suppression,
    table_from_rows,
)

UNROUNDED = Policy(threshold=10, rounding_base=1)

# One small count (3, at A / X) in an otherwise large table.
#          X   Y   Z | total
#   A      3  20  25 |  48
#   B     15  30  12 |  57
#   C     22  18  40 |  80
#   total 40  68  77 | 185
ONE_SMALL = table_from_rows("ABC", "XYZ", [[3, 20, 25], [15, 30, 12], [22, 18, 40]])


def test_totals_are_computed_from_the_cells():
    assert ONE_SMALL.row_totals == (48, 57, 80)
    assert ONE_SMALL.column_totals == (40, 68, 77)
    assert ONE_SMALL.grand_total == 185
    assert ONE_SMALL.with_totals()[3] == [40, 68, 77, 185]


def test_a_table_must_be_rectangular_with_whole_non_negative_counts():
    with pytest.raises(ValueError, match="non-negative"):
        Table(("A",), ("X",), ((-1,),))
    with pytest.raises(ValueError, match="one row per row label"):
        Table(("A", "B"), ("X",), ((1,),))


def test_primary_suppression_takes_counts_below_the_threshold_but_not_zero():
    table = table_from_rows("AB", "XYZ", [[0, 4, 5], [9, 10, 30]])
    # Row totals 9 and 49; column totals 9, 14, 35; grand total 58.
    # Channel (1-9): the 4, 5 and 9, row A's total and column X's total. Zero is published.
    assert primary_suppression(table, policy=PREVENT_CHANNEL) == {(0, 1), (0, 2), (1, 0), (0, 3), (2, 0)}
    # Hate incidents (1-4): only the 4.
    assert primary_suppression(table, policy=HATE_INCIDENTS) == {(0, 1)}


def test_a_single_suppressed_cell_in_a_row_is_recovered_from_the_total_and_refused():
    naive = published_view(ONE_SMALL, primary_suppression(ONE_SMALL, policy=UNROUNDED), policy=UNROUNDED)
    result = audit(naive, policy=UNROUNDED)
    # 48 - 20 - 25 = 3 exactly.
    assert result.refused
    assert (result.bound((0, 0)).lower, result.bound((0, 0)).upper) == (3, 3)
    assert "A / X" in result.reasons[0]


def test_secondary_suppression_gives_every_affected_row_and_column_two_suppressed_cells():
    suppressed = secondary_suppression(ONE_SMALL, primary_suppression(ONE_SMALL, policy=UNROUNDED))
    # Row A takes its smallest other cell (20, in column Y) and column X its smallest (15, in
    # row B). Column Y then prefers row B's 30 over row C's 18, because row B also needs a second
    # cell: the four make a rectangle, and every row and column has two.
    assert suppressed == {(0, 0), (0, 1), (1, 0), (1, 1)}
    grid_lines = [[(i, j) for j in range(4)] for i in range(4)] + [
        [(i, j) for i in range(4)] for j in range(4)
    ]
    assert all(sum(p in suppressed for p in line) != 1 for line in grid_lines)


def test_after_secondary_suppression_the_auditor_passes_the_table():
    protection = protect(ONE_SMALL, policy=UNROUNDED)
    assert not protection.audit.refused
    small = protection.audit.bound((0, 0))
    assert small.lower <= 3 <= small.upper
    assert small.upper >= UNROUNDED.threshold


def test_the_auditor_allows_for_rounding_when_bounding_a_suppressed_cell():
    # Row A: a suppressed 3, a 100 published as 100 (98 to 102), total 103 published as 105
    # (103 to 107): the 3 lies between 103 - 102 = 1 and 107 - 98 = 9, all below 10.
    table = table_from_rows("AB", "XY", [[3, 100], [50, 50]])
    rounded = Policy(threshold=10, rounding_base=5)
    view = published_view(table, {(0, 0), (2, 0)}, policy=rounded)
    result = audit(view, policy=rounded)
    assert (result.bound((0, 0)).lower, result.bound((0, 0)).upper) == (1, 9)
    assert result.refused


def test_the_auditor_knows_that_a_published_count_is_not_a_small_one():
    # One row: X = 1 (suppressed, with its column total), Y = 5, Z = 5, total 11 published as 10.
    # Rounding alone allows Y and Z to be 3 to 7, so X could be up to 12 - 3 - 3 = 6. But the
    # policy is public: published counts are 0 or at least 5, so Y and Z are 5 to 7, and X is at
    # most 12 - 5 - 5 = 2; zeros are published, so it is at least 1: known to be a small count.
    table = table_from_rows("A", "XYZ", [[1, 5, 5]])
    view = published_view(table, {(0, 0), (1, 0)}, policy=HATE_INCIDENTS)
    result = audit(view, policy=HATE_INCIDENTS)
    assert (result.bound((0, 0)).lower, result.bound((0, 0)).upper) == (1, 2)
    assert result.refused


def test_rounding_is_to_the_nearest_five_with_totals_rounded_on_their_own():
    assert [round_to_base(v, 5) for v in (0, 2, 3, 7, 8, 12, 13)] == [0, 0, 5, 5, 10, 10, 15]
    assert rounding_range(10, 5) == (8, 12)
    assert rounding_range(0, 5) == (0, 2)
    table = table_from_rows("AB", "XY", [[11, 11], [12, 13]])
    view = published_view(table, set(), policy=HATE_INCIDENTS)
    # Cells 10, 10, 10, 15; the row totals 22 and 25 round to 20 and 25, not to the sums 20 and 25.
    assert view.values == ((10, 10, 20), (10, 15, 25), (25, 25, 45))


def test_suppressed_entries_are_shown_as_c():
    protection = protect(ONE_SMALL, policy=PREVENT_CHANNEL)
    shown = protection.published.display()
    assert shown[0][0] == SUPPRESSED == "[c]"
    assert all(value == SUPPRESSED or int(value) % 5 == 0 for row in shown for value in row)


def test_small_totals_are_suppressed_and_protected_too():
    # Row A totals 7: the row total is suppressed, and so is something else in its column.
    table = table_from_rows("ABC", "XY", [[0, 7], [20, 30], [25, 40]])
    protection = protect(table, policy=UNROUNDED)
    assert (0, 2) in protection.primary
    assert sum((i, 2) in protection.published.suppressed for i in range(4)) >= 2
    assert not protection.audit.refused


def test_suppressing_everything_but_the_grand_total_leaves_each_value_a_wide_range():
    # protect()'s last step when its heuristics cannot satisfy the auditor.
    table = table_from_rows("AB", "XY", [[1, 2], [3, 40]])
    everything_but_grand = {(i, j) for i in range(3) for j in range(3)} - {(2, 2)}
    result = audit(
        published_view(table, everything_but_grand, policy=PREVENT_CHANNEL), policy=PREVENT_CHANNEL
    )
    assert not result.refused
    # The grand total is 46, published as 45: at most 47. No suppressed value is zero, so each of
    # the four cells is at least 1 and at most 47 - 3 = 44, and each row or column total, the sum
    # of two cells, at least 2 and at most 47 - 2 = 45.
    assert {(b.lower, b.upper) for b in result.bounds} == {(1, 44), (2, 45)}


def test_publish_refuses_a_table_with_too_few_records():
    table = table_from_rows("A", "XY", [[10, 10]])
    with pytest.raises(DisclosureRefused, match="fewer than the 30"):
        publish(table, policy=PREVENT_CHANNEL)


def test_publish_runs_the_auditor_and_refuses_what_it_refuses(monkeypatch):
    naive_view = published_view(ONE_SMALL, {(0, 0)}, policy=UNROUNDED)

    def naive_protect(table, *, policy):
        return Protection(naive_view, frozenset({(0, 0)}), frozenset(), audit(naive_view, policy=policy))

    monkeypatch.setattr(disclosure.suppression, "protect", naive_protect)
    with pytest.raises(DisclosureRefused, match="A / X"):
        publish(ONE_SMALL, policy=UNROUNDED)


def test_publish_returns_the_protected_table():
    published = publish(ONE_SMALL, policy=PREVENT_CHANNEL)
    assert published.values[0][0] is None
    assert published.values[3][3] == 185


def test_rates_are_suppressed_when_the_denominator_or_either_part_is_small():
    policy = HATE_INCIDENTS  # threshold 5, minimum denominator 20
    assert publishable_rate(numerator=10, denominator=19, policy=policy) is None
    assert publishable_rate(numerator=3, denominator=40, policy=policy) is None
    # 38 of 40 tells you that 2 did not.
    assert publishable_rate(numerator=38, denominator=40, policy=policy) is None
    assert publishable_rate(numerator=0, denominator=40, policy=policy) == 0
    assert publishable_rate(numerator=10, denominator=40, policy=policy) == pytest.approx(25.0)
    assert disclosure.display_rate(None) == SUPPRESSED


def test_a_policy_with_a_protection_interval_above_the_threshold_is_refused():
    with pytest.raises(ValueError, match="protection interval"):
        Policy(threshold=5, protection_interval=6)


# --- Properties on random small tables --------------------------------------------------------

POLICIES = [PREVENT_CHANNEL, HATE_INCIDENTS, UNROUNDED, Policy(threshold=5, rounding_base=1)]
# Many small counts (the hard case), some zeros and some large ones.
counts = st.one_of(st.integers(0, 12), st.integers(0, 12), st.integers(0, 60))


@st.composite
def tables(draw):
    n_rows, n_columns = draw(st.integers(2, 6)), draw(st.integers(2, 6))
    cells = draw(
        st.lists(st.lists(counts, min_size=n_columns, max_size=n_columns), min_size=n_rows, max_size=n_rows)
    )
    return table_from_rows([f"r{i}" for i in range(n_rows)], [f"c{j}" for j in range(n_columns)], cells)


# Enough examples to find the awkward patterns, few enough for the file to run in seconds.
quick = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@quick
@given(table=tables(), policy=st.sampled_from(POLICIES))
def test_protect_never_publishes_a_small_count(table, policy):
    protection = protect(table, policy=policy)
    grid = table.with_totals()
    for i, row in enumerate(protection.published.values):
        for j, value in enumerate(row):
            if value is not None:
                assert not 0 < grid[i][j] < policy.threshold
                assert not 0 < value < policy.threshold


def test_when_nothing_else_protects_a_table_its_grand_total_is_suppressed_too():
    # 1 and 9 in different rows and columns, 10 in all: every non-zero entry but the grand total is
    # a small count. With the grand total published, two values of at least 1 add up to 10, so the
    # 1 is at most 9: known to be small. So the grand total goes too; zeros stay published.
    table = table_from_rows("AB", "XY", [[1, 0], [0, 9]])
    primary_only = published_view(table, primary_suppression(table, policy=UNROUNDED), policy=UNROUNDED)
    assert audit(primary_only, policy=UNROUNDED).refused
    protection = protect(table, policy=UNROUNDED)
    assert not protection.audit.refused
    assert protection.published.values == ((None, 0, None), (0, None, None), (None, None, None))


@quick
@given(table=tables(), policy=st.sampled_from(POLICIES))
def test_what_protect_produces_passes_the_audit_or_is_withheld(table, policy):
    protection = protect(table, policy=policy)
    if protection.audit.refused:
        with pytest.raises(DisclosureRefused):
            publish(table, policy=replace(policy, minimum_records=0))
    else:
        assert not audit(protection.published, policy=policy).refused


@quick
@given(table=tables(), policy=st.sampled_from(POLICIES), protected=st.booleans())
def test_the_auditors_bounds_always_contain_the_true_value(table, policy, protected):
    # Both on protected tables and on naive (primary only) ones, which it often refuses.
    if protected:
        view = protect(table, policy=policy).published
    else:
        view = published_view(table, primary_suppression(table, policy=policy), policy=policy)
    grid = table.with_totals()
    for bound in audit(view, policy=policy).bounds:
        i, j = bound.position
        assert bound.lower <= grid[i][j] <= bound.upper


@quick
@given(table=tables(), policy=st.sampled_from([PREVENT_CHANNEL, HATE_INCIDENTS]))
def test_published_values_are_multiples_of_five(table, policy):
    published = protect(table, policy=policy).published
    assert all(value % 5 == 0 for row in published.values for value in row if value is not None)
