"""A borough self-assessment's statuses and every allowed move between them, and who may not
moderate it. Pure: no Django, so the rules run and are tested anywhere.

`AssessmentStatus` (models/assessments.py) takes its values and labels from here."""

from commonground.core.state_machine import Machine, to_any_of

DRAFT = "draft"
SUBMITTED = "submitted"
MODERATED = "moderated"

STATUS_LABELS = {
    DRAFT: "Draft",
    SUBMITTED: "Submitted for moderation",
    MODERATED: "Moderated",
}

# An assessment starts as a draft that the borough programme lead completes.
INITIAL = DRAFT

# Status → the statuses it may move to. A submitted assessment can be returned to the borough
# (to add evidence) before moderation; once moderated it is final, and the next period starts anew.
ALLOWED_MOVES: dict[str, frozenset[str]] = {
    DRAFT: frozenset({SUBMITTED}),
    SUBMITTED: frozenset({DRAFT, MODERATED}),
    MODERATED: frozenset(),
}

# Only a draft is edited; a later change goes through moderation or a new period.
EDITABLE = frozenset({DRAFT})


class MoveRefused(Exception):
    def __init__(self, status: str, to_status: str):
        self.status, self.to_status = status, to_status
        super().__init__(
            f"The assessment is “{STATUS_LABELS.get(status, status)}”: it cannot become "
            f"“{STATUS_LABELS.get(to_status, to_status)}” now."
        )


def can_move(status: str, to_status: str) -> bool:
    return to_status in ALLOWED_MOVES.get(status, frozenset())


def move(status: str, to_status: str) -> str:
    """`to_status`, or MoveRefused if the table does not allow it from `status`."""
    if not can_move(status, to_status):
        raise MoveRefused(status, to_status)
    return to_status


def is_final(status: str) -> bool:
    return not ALLOWED_MOVES.get(status)


def may_moderate(assessment_borough_id: int, moderator_borough_ids: frozenset[int] | set[int]) -> bool:
    """A moderator cannot moderate their own borough's assessment: one whose agency serves (or who
    was given) the assessed borough is refused. A combined-authority moderator serving no single
    borough may moderate any."""
    return assessment_borough_id not in moderator_borough_ids


# The same table in the shape every status table has (core/state_machine.py); the assessment's
# actions move its status through `core.actions.moves.make_move` with it.
MACHINE = Machine(
    name="self-assessment",
    initial=INITIAL,
    moves=to_any_of(ALLOWED_MOVES),
    labels=STATUS_LABELS,
)
