"""Assessors' scores, summed. Pure: no Django.

Each criterion is scored 0 to 5 and has a weight of 1 to 10; an assessment's weighted total is
the weighted sum as a percentage of the most possible. Two assessors "disagree" when their totals
are further apart than the round's threshold (in percentage points), and the application then
waits for a moderation note. Nothing here ranks or recommends: the panel sees the totals, their
mean and the assessors' reasons, and decides."""

from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal

LOWEST_SCORE = 0
HIGHEST_SCORE = 5
ONE_PLACE = Decimal("0.1")


def weighted_total(scores: Iterable[tuple[int, int]]) -> Decimal:
    """The weighted total of (score, weight) pairs as a percentage (0 to 100, one decimal place)."""
    pairs = list(scores)
    if not pairs:
        raise ValueError("An assessment scores at least one criterion")
    for score, weight in pairs:
        if not LOWEST_SCORE <= score <= HIGHEST_SCORE:
            raise ValueError(f"A score is from {LOWEST_SCORE} to {HIGHEST_SCORE}")
        if weight < 1:
            raise ValueError("A criterion's weight is at least 1")
    scored = sum(score * weight for score, weight in pairs)
    most = HIGHEST_SCORE * sum(weight for _, weight in pairs)
    return (Decimal(100 * scored) / Decimal(most)).quantize(ONE_PLACE, rounding=ROUND_HALF_UP)


def totals_disagree(totals: Sequence[Decimal], threshold: int) -> bool:
    """Whether any two totals are more than `threshold` percentage points apart."""
    return len(totals) >= 2 and max(totals) - min(totals) > threshold


def mean_total(totals: Sequence[Decimal]) -> Decimal | None:
    if not totals:
        return None
    return (sum(totals, Decimal(0)) / len(totals)).quantize(ONE_PLACE, rounding=ROUND_HALF_UP)
