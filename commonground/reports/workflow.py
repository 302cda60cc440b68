"""A report's statuses, the moves between them and when a report is overdue. Pure: no Django."""

from datetime import datetime

RECEIVED, TRIAGED, WITH_TEAM, ACTION_TAKEN, CLOSED = (
    "received",
    "triaged",
    "with_team",
    "action_taken",
    "closed",
)

ALLOWED_MOVES: dict[str, frozenset[str]] = {
    RECEIVED: frozenset({TRIAGED, CLOSED}),
    TRIAGED: frozenset({WITH_TEAM, ACTION_TAKEN, CLOSED}),
    WITH_TEAM: frozenset({ACTION_TAKEN, CLOSED}),
    ACTION_TAKEN: frozenset({WITH_TEAM, CLOSED}),
    CLOSED: frozenset({WITH_TEAM}),  # reopened, with a reason
}


# Work still to do, shown in the queue by default; reports where action was taken, and closed
# ones, are one click away.
OPEN = (RECEIVED, TRIAGED, WITH_TEAM)
DONE = (ACTION_TAKEN, CLOSED)
# The clock that makes a report overdue runs while it waits for triage.
WAITING_FOR_TRIAGE = RECEIVED


def is_overdue(status: str, triage_due_at: datetime, now: datetime) -> bool:
    """Overdue: still waiting for triage after its triage due time. The one definition, used by
    the queue, the staff home, a report's page and the overdue notices."""
    return status == WAITING_FOR_TRIAGE and triage_due_at < now


def can_move(from_status: str, to_status: str) -> bool:
    return to_status in ALLOWED_MOVES.get(from_status, frozenset())


def next_statuses(from_status: str) -> list[str]:
    order = [RECEIVED, TRIAGED, WITH_TEAM, ACTION_TAKEN, CLOSED]
    return [status for status in order if can_move(from_status, status)]
