"""A report's statuses and the moves between them. Pure: no Django."""

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


def can_move(from_status: str, to_status: str) -> bool:
    return to_status in ALLOWED_MOVES.get(from_status, frozenset())


def next_statuses(from_status: str) -> list[str]:
    order = [RECEIVED, TRIAGED, WITH_TEAM, ACTION_TAKEN, CLOSED]
    return [status for status in order if can_move(from_status, status)]
