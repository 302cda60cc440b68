"""The one way a referral's status changes: each step is checked against the table in `workflow`
(pure) before anything is written, and refused there with a message the form shows. The lock,
check and write are the product's one move helper (core/actions/moves.py)."""

from commonground.core.actions import moves
from commonground.safeguarding import workflow
from commonground.safeguarding.models import Referral


def require_step(referral: Referral, step: str) -> str:
    """The status `step` leads to from the referral's; ValidationError (nothing written) if the
    table does not allow it. Call it on the locked referral before creating the step's record."""
    return moves.require_move(referral, workflow.MACHINE, step)


def make_move(referral: Referral, step: str) -> tuple[str, str]:
    """Move the locked referral on by `step`; (status before, status after) for the audit event."""
    return moves.make_move(referral, workflow.MACHINE, step)
