"""Project rules (pure): a status unchanged for 6 weeks is flagged, overspend is reported per
quarter and in total, and open items past their due date are overdue."""

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from commonground.programme import project_rules as rules
from commonground.programme.project_rules import Dated, Quarter

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))
money = st.decimals(min_value=0, max_value=1_000_000, places=2)


def test_a_status_unchanged_for_six_weeks_is_flagged():
    updated = date(2026, 1, 5)
    assert not rules.is_stale(updated, updated + timedelta(days=41))
    assert rules.is_stale(updated, updated + timedelta(days=42))


def test_a_project_never_updated_counts_from_its_start():
    assert not rules.is_stale(None, date(2026, 2, 1), started_on=date(2026, 1, 1))
    assert rules.is_stale(None, date(2026, 3, 1), started_on=date(2026, 1, 1))
    assert rules.is_stale(None, date(2026, 3, 1))


@given(days, days)
def test_staleness_is_exactly_six_weeks_or_more(updated, today):
    assert rules.is_stale(updated, today) is ((today - updated).days >= 42)


def test_overspend_is_reported_per_quarter_and_in_total():
    result = rules.overspend(
        [
            Quarter(date(2026, 4, 1), Decimal("1000.00"), Decimal("1250.50")),
            Quarter(date(2026, 1, 1), Decimal("1000.00"), Decimal("400.00")),
        ]
    )
    assert result.quarters == {date(2026, 4, 1): Decimal("250.50")}
    assert result.total_budget == Decimal("2000.00") and result.total_spend == Decimal("1650.50")
    assert result.total_over == 0 and result.any


def test_no_quarters_no_overspend():
    result = rules.overspend([])
    assert not result.any and result.total_over == 0


@given(st.lists(st.tuples(money, money), max_size=8))
def test_total_overspend_never_exceeds_the_quarters_overspend(amounts):
    quarters = [Quarter(date(2026, 1, 1) + timedelta(days=92 * i), b, s) for i, (b, s) in enumerate(amounts)]
    result = rules.overspend(quarters)
    assert result.total_over <= sum(result.quarters.values(), Decimal(0))
    assert all(amount > 0 for amount in result.quarters.values())


def test_quarter_start():
    assert rules.quarter_start(date(2026, 5, 17)) == date(2026, 4, 1)
    assert rules.quarter_start(date(2026, 12, 31)) == date(2026, 10, 1)
    assert rules.quarter_start(date(2026, 1, 1)) == date(2026, 1, 1)


def test_overdue_items_are_open_and_past_due_oldest_first():
    today = date(2026, 7, 1)
    items = [
        Dated(1, date(2026, 6, 30), None),
        Dated(2, date(2026, 7, 1), None),  # due today: not yet overdue
        Dated(3, date(2026, 5, 1), date(2026, 6, 1)),  # done
        Dated(4, date(2026, 1, 1), None),
    ]
    assert [item.id for item in rules.overdue(items, today)] == [4, 1]


@given(st.lists(st.builds(Dated, st.integers(), days, st.one_of(st.none(), days)), max_size=10), days)
def test_overdue_is_exactly_the_open_items_past_due(items, today):
    result = rules.overdue(items, today)
    assert all(item.done_on is None and item.due_on < today for item in result)
    assert len(result) == sum(1 for item in items if item.done_on is None and item.due_on < today)
