"""Password resets, audited. The reset itself is Django's (its views check the token and save the
password); these actions record it, in the transaction that saves the new password."""

from django.db import transaction

from commonground.core import audit
from commonground.core.models import AuditAction, User

RESET_FORM_LABEL = "password reset form"


def record_password_reset_requested() -> None:
    """Someone asked for a reset link. Whether the address belongs to anyone is not recorded (nor
    shown): the form answers the same either way. The actor is the form, not a person."""
    with transaction.atomic():
        audit.record(
            actor=None,
            actor_label=RESET_FORM_LABEL,
            action=AuditAction.PASSWORD_RESET_REQUESTED,
            object_type="core.user",
            object_repr="reset requested for an email address",
        )


def record_password_changed(*, user: User) -> None:
    """A person chose a new password through a reset link: they are the actor. Called inside the
    transaction that saves it, so the change and its record commit together."""
    audit.record(actor=user, action=AuditAction.PASSWORD_CHANGED, obj=user, subject=user)
