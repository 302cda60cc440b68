"""Project rules: a red/amber/green status left unchanged too long, overspend (allowed, reported),
and what is overdue on a day. Pure: no Django; amounts are Decimals, days are dates."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import NamedTuple

STALE_AFTER = timedelta(weeks=6)


def is_stale(status_updated_on: date | None, today: date, started_on: date | None = None) -> bool:
    """A project whose status was not updated for 6 weeks is flagged. One never updated counts
    from its start (a project not yet started is not flagged)."""
    since = status_updated_on or started_on
    if since is None:
        return True
    return today - since >= STALE_AFTER


class Quarter(NamedTuple):
    starts_on: date
    budget: Decimal
    spend: Decimal


@dataclass(frozen=True)
class Overspend:
    quarters: dict[date, Decimal]  # quarter start → amount spent above its budget (only those over)
    total_budget: Decimal
    total_spend: Decimal

    @property
    def total_over(self) -> Decimal:
        return max(self.total_spend - self.total_budget, Decimal(0))

    @property
    def any(self) -> bool:
        return bool(self.quarters) or self.total_over > 0


def overspend(quarters: Iterable[Quarter]) -> Overspend:
    rows = list(quarters)
    over = {q.starts_on: q.spend - q.budget for q in rows if q.spend > q.budget}
    return Overspend(
        quarters=dict(sorted(over.items())),
        total_budget=sum((q.budget for q in rows), Decimal(0)),
        total_spend=sum((q.spend for q in rows), Decimal(0)),
    )


def quarter_start(day: date) -> date:
    """The first day of the calendar quarter holding `day`."""
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


class Dated(NamedTuple):
    """An action or milestone: its id, due date and the day it was done (None while open)."""

    id: object
    due_on: date
    done_on: date | None


def is_overdue(item: Dated, today: date) -> bool:
    """Open and past its due date (due today is not yet overdue)."""
    return item.done_on is None and item.due_on < today


def overdue(items: Iterable[Dated], today: date) -> list[Dated]:
    return sorted((item for item in items if is_overdue(item, today)), key=lambda item: item.due_on)
