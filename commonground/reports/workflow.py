"""A report's statuses, the moves between them and when a report is overdue. Pure: no Django."""

from datetime import datetime

from commonground.core.state_machine import Machine, to_any_of

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

LABELS = {
    RECEIVED: "Received",
    TRIAGED: "Triaged",
    WITH_TEAM: "With a team",
    ACTION_TAKEN: "Action taken",
    CLOSED: "Closed",
}
# Triage offers the next status itself, so each step is named by the status it leads to. A report
# is received when it is submitted (on the web, by phone, by a partner's system).
MACHINE = Machine(
    name="report",
    initial=RECEIVED,
    moves=to_any_of(ALLOWED_MOVES),
    labels=LABELS,
    refused_as="A {name} that is {state} cannot move to that status",
)

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
    return MACHINE.can(from_status, to_status)


def next_statuses(from_status: str) -> list[str]:
    order = [RECEIVED, TRIAGED, WITH_TEAM, ACTION_TAKEN, CLOSED]
    return [status for status in order if can_move(from_status, status)]
