"""The "incidents above baseline" test (pure arithmetic, no database)."""

import math
from datetime import date

import pytest

from commonground.tension.baseline import (
    baseline_mean,
    baseline_weeks,
    poisson_upper_tail,
    test_against_baseline,
    week_starting,
)


def _tail_by_definition(count: int, mean: float) -> float:
    return 1 - sum(math.exp(-mean) * mean**k / math.factorial(k) for k in range(count))


@pytest.mark.parametrize(("count", "mean"), [(1, 0.5), (3, 3.0), (5, 0.5), (10, 2.0), (2, 5.0), (30, 12.5)])
def test_the_poisson_tail_matches_its_definition(count, mean):
    assert poisson_upper_tail(count, mean) == pytest.approx(
        _tail_by_definition(count, mean), rel=1e-9, abs=1e-15
    )


def test_the_poisson_tail_keeps_its_precision_far_out():
    # 1 - P(X < 60) rounds to 0 in floating point; summing the tail does not.
    assert 0 < poisson_upper_tail(60, 2.0) < 1e-40


def test_a_count_of_nothing_is_never_above_its_baseline():
    assert poisson_upper_tail(0, 3.0) == 1.0
    assert not test_against_baseline(0, [0] * 12).above_baseline


def test_a_busy_week_against_a_quiet_quarter_is_above_its_baseline():
    result = test_against_baseline(9, [1, 0, 2, 1, 1, 0, 1, 2, 1, 0, 1, 2])
    assert result.above_baseline
    assert result.baseline_mean == pytest.approx(1.0)
    assert result.p_value < 0.01


def test_an_ordinary_week_is_not_above_its_baseline():
    assert not test_against_baseline(6, [4, 5, 6, 3, 5, 4, 6, 5, 4, 5, 6, 4]).above_baseline


def test_fewer_than_five_incidents_never_alert_however_quiet_the_baseline():
    result = test_against_baseline(4, [0] * 12)
    assert result.p_value < 0.01  # significant against the floored mean of 0.5 ...
    assert not result.above_baseline  # ... but too few to act on


def test_the_baseline_mean_is_floored_at_a_half():
    assert test_against_baseline(5, [0] * 12).baseline_mean == 0.5
    assert baseline_mean([0] * 12) == 0


def test_five_incidents_after_a_silent_quarter_alert():
    assert test_against_baseline(5, [0] * 12).above_baseline


def test_negative_counts_are_refused():
    with pytest.raises(ValueError):
        test_against_baseline(-1, [0])


def test_weeks_start_on_a_monday_and_the_baseline_is_the_twelve_weeks_before():
    assert week_starting(date(2026, 11, 22)) == date(2026, 11, 16)  # a Sunday
    assert week_starting(date(2026, 11, 16)) == date(2026, 11, 16)
    weeks = baseline_weeks(date(2026, 11, 16))
    assert len(weeks) == 12
    assert weeks[0] == date(2026, 8, 24) and weeks[-1] == date(2026, 11, 9)
