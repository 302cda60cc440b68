"""Is this week's count of incidents in an area above its baseline? Pure arithmetic, no Django.

The test (docs/methods/tension-alerts.md says why): a one-sided exact Poisson test of the week's
count against the mean weekly count of the 12 weeks before it. The baseline mean is floored at
0.5 so that an area with a quiet quarter does not alert on its first two incidents, and an alert
needs at least 5 incidents in the week as well as p < 0.01.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

BASELINE_WEEKS = 12
SIGNIFICANCE = 0.01
MINIMUM_COUNT = 5
MINIMUM_BASELINE_MEAN = 0.5


def week_starting(day: date) -> date:
    """The Monday of the week `day` falls in."""
    return day - timedelta(days=day.weekday())


def baseline_weeks(week_starting_on: date, weeks: int = BASELINE_WEEKS) -> list[date]:
    """The Mondays of the `weeks` weeks before the week starting `week_starting_on`, oldest first."""
    return [week_starting_on - timedelta(weeks=n) for n in range(weeks, 0, -1)]


def baseline_mean(previous_counts: Sequence[int]) -> float:
    """The mean weekly count of the baseline weeks (weeks with nothing count as 0), unfloored."""
    if not previous_counts:
        return 0.0
    return sum(previous_counts) / len(previous_counts)


def poisson_upper_tail(count: int, mean: float) -> float:
    """P(X >= count) for X ~ Poisson(mean).

    Above the mean the tail is summed term by term from `count` upward (in logs, so that a tiny
    p-value keeps its precision); at or below the mean it is 1 minus the terms below `count`."""
    if count <= 0:
        return 1.0
    if mean <= 0:
        return 0.0
    if count <= mean:
        term = math.exp(-mean)
        below = term
        for k in range(1, count):
            term *= mean / k
            below += term
        return max(0.0, 1.0 - below)
    log_term = -mean + count * math.log(mean) - math.lgamma(count + 1)
    total = 0.0
    k = count
    while True:
        value = math.exp(log_term)
        total += value
        if value <= total * 1e-16:
            return min(1.0, total)
        k += 1
        log_term += math.log(mean) - math.log(k)


@dataclass(frozen=True)
class BaselineTest:
    count: int
    baseline_mean: float  # the mean actually tested against (after the floor)
    p_value: float
    above_baseline: bool

    @property
    def summary(self) -> str:
        return (
            f"{self.count} this week against a usual {self.baseline_mean:.1f} a week (p = {self.p_value:.4f})"
        )


def test_against_baseline(
    count: int,
    previous_counts: Sequence[int],
    *,
    significance: float = SIGNIFICANCE,
    minimum_count: int = MINIMUM_COUNT,
    minimum_mean: float = MINIMUM_BASELINE_MEAN,
) -> BaselineTest:
    """Whether `count` is significantly above the mean of `previous_counts` (the baseline weeks)."""
    if count < 0 or any(previous < 0 for previous in previous_counts):
        raise ValueError("Counts cannot be negative")
    mean = max(baseline_mean(previous_counts), minimum_mean)
    p_value = poisson_upper_tail(count, mean)
    return BaselineTest(
        count=count,
        baseline_mean=mean,
        p_value=p_value,
        above_baseline=count >= minimum_count and p_value < significance,
    )


# Not a test function, whatever pytest's collector thinks of the name.
test_against_baseline.__test__ = False  # type: ignore[attr-defined]
