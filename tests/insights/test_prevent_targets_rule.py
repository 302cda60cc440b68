"""The red, amber and green rule of the Prevent targets, and the median of days (pure, fast)."""

from datetime import date

import pytest

from commonground.insights import statistics
from commonground.insights.prevent_targets import (
    AMBER,
    GREEN,
    HIGHER_IS_BETTER,
    LOWER_IS_BETTER,
    RED,
    rag,
    threshold_errors,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [(95.0, GREEN), (80.0, GREEN), (79.9, AMBER), (60.0, AMBER), (59.99, RED), (0.0, RED), (None, None)],
)
def test_when_higher_is_better_green_and_amber_are_at_or_above_their_thresholds(value, expected):
    assert rag(value, green=80, amber=60, direction=HIGHER_IS_BETTER) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0.0, GREEN), (7.0, GREEN), (7.5, AMBER), (14.0, AMBER), (14.5, RED), (None, None)],
)
def test_when_lower_is_better_green_and_amber_are_at_or_below_their_thresholds(value, expected):
    assert rag(value, green=7, amber=14, direction=LOWER_IS_BETTER) == expected


def test_equal_thresholds_leave_no_amber():
    assert rag(50, green=50, amber=50, direction=HIGHER_IS_BETTER) == GREEN
    assert rag(49, green=50, amber=50, direction=HIGHER_IS_BETTER) == RED


def test_an_unknown_direction_is_an_error():
    with pytest.raises(ValueError, match="direction"):
        rag(1, green=1, amber=1, direction="sideways")


def test_thresholds_the_wrong_way_round_for_the_direction_are_named():
    assert threshold_errors(green=80, amber=60, direction=HIGHER_IS_BETTER) == {}
    assert "amber" in threshold_errors(green=60, amber=80, direction=HIGHER_IS_BETTER)
    assert threshold_errors(green=7, amber=14, direction=LOWER_IS_BETTER) == {}
    assert "amber" in threshold_errors(green=14, amber=7, direction=LOWER_IS_BETTER)


def test_the_median_of_days_leaves_out_pairs_out_of_order():
    pairs = [
        (date(2026, 4, 1), date(2026, 4, 3)),  # 2
        (date(2026, 4, 1), date(2026, 4, 11)),  # 10
        (date(2026, 4, 1), date(2026, 4, 5)),  # 4
        (date(2026, 4, 10), date(2026, 4, 1)),  # out of order
    ]
    assert statistics.median_days(pairs) == statistics.MedianDays(median=4.0, count=3, out_of_order=1)
    assert statistics.median_days(pairs[:2]) == statistics.MedianDays(median=6.0, count=2, out_of_order=0)
    assert statistics.median_days([]) == statistics.MedianDays(median=None, count=0, out_of_order=0)
