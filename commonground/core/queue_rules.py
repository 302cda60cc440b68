"""Pure rules of the background queue: how long to wait for the database, and when the queue is
unhealthy (no Django: tested in milliseconds)."""

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

# A task that loses the database this many times (claims) is marked failed rather than retried.
DATABASE_RETRY_LIMIT = 5


def backoff_delays(*, first: float = 0.5, cap: float = 30.0, jitter: float = 0.1) -> Iterator[float]:
    """Growing pauses between tries: first, doubling up to cap, each ±jitter so that several
    workers coming back together do not all knock at once. Never ends."""
    delay = first
    while True:
        yield delay * (1 + random.uniform(-jitter, jitter))  # noqa: S311 (not for security)
        delay = min(delay * 2, cap)


@dataclass(frozen=True)
class QueueState:
    oldest_ready_at: datetime | None
    oldest_ready_task: str
    ready: int
    failed_recently: int
    running_too_long: int


def is_stuck(state: QueueState, *, now: datetime, alert_after: timedelta) -> bool:
    """Stuck: a task has waited longer than we allow, or one has been running far longer than any should."""
    waited_too_long = state.oldest_ready_at is not None and now - state.oldest_ready_at > alert_after
    return waited_too_long or state.running_too_long > 0
