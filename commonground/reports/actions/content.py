"""The report line's reference data and public content as administrators change them in the Django
admin (strands, advice pages and scripts): each change audited in the transaction that saves it.
Teams and routing rules have their own scoped actions (teams.py). Who may change what is the admin's
model permissions (system administrators, programme managers)."""

from collections.abc import Callable, Mapping
from typing import Any

from django.db import models, transaction

from commonground.core import audit
from commonground.core.models import AuditAction, User

# Long texts (advice pages) are cut in the trail: the event says what changed, the page keeps the rest.
CHANGE_SHOWN_CHARACTERS = 200


def save_content(
    *, actor: User, obj: models.Model, save: Callable[[], None], changes: Mapping[str, Any], created: bool
) -> None:
    """Save `obj` with `save` (the admin's own save) and audit it, together."""
    with transaction.atomic():
        save()
        audit.record(
            actor=actor,
            action=AuditAction.CREATE if created else AuditAction.UPDATE,
            obj=obj,
            changes={name: value[:CHANGE_SHOWN_CHARACTERS] for name, value in changes.items()},
        )


def delete_content(*, actor: User, obj: models.Model, delete: Callable[[], None]) -> None:
    with transaction.atomic():
        audit.record(actor=actor, action=AuditAction.DELETE, obj=obj)
        delete()
