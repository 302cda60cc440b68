"""The one way a referral's status changes: each step is checked against the table in `workflow`
(pure) before anything is written, and refused there with a message the form shows."""

from django.core.exceptions import ValidationError

from commonground.safeguarding import workflow
from commonground.safeguarding.models import Referral


def require_step(referral: Referral, step: str) -> str:
    """The status `step` leads to from the referral's; ValidationError (nothing written) if the
    table does not allow it. Call it on the locked referral before creating the step's record."""
    try:
        return workflow.move(referral.status, step)
    except workflow.MoveRefused as refused:
        raise ValidationError(str(refused)) from refused


def make_move(referral: Referral, step: str) -> tuple[str, str]:
    """Move the locked referral on by `step`; (status before, status after) for the audit event."""
    before = referral.status
    after = require_step(referral, step)
    if after != before:
        referral.status = after
        referral.save(update_fields=["status"])
    return before, after
