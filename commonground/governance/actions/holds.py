"""Legal holds: a record that must not be erased (litigation, an inquiry) until the hold is lifted.
Placed and lifted by a data protection officer with a reason."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from commonground.core import access, audit, policy
from commonground.core.models import AuditAction, User
from commonground.governance.actions.requests import ONLY_OFFICERS, officer_scope
from commonground.governance.models import LegalHold
from commonground.governance.queries.export import READERS


def place_hold(*, actor: User, ref: str, reason: str) -> LegalHold:
    officer_scope(actor)
    errors = {}
    if not (reason or "").strip():
        errors["reason"] = "Give the reason for the legal hold"
    if ref.rsplit(":", 1)[0] not in READERS:
        errors["ref"] = "Choose a record to hold"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        hold = LegalHold.objects.create(ref=ref, reason=reason.strip(), placed_by=actor)
        audit.record(actor=actor, action=AuditAction.CREATE, obj=hold, subject_ref=ref, reason=reason.strip())
    return hold


def lift_hold(*, actor: User, hold_id: int, reason: str) -> LegalHold:
    scope = officer_scope(actor)
    if not (reason or "").strip():
        raise ValidationError({"reason": "Give the reason for lifting the hold"})
    with transaction.atomic():
        hold = policy.row_to_act_on(
            access.visible(scope, LegalHold.objects.select_for_update()), hold_id, ONLY_OFFICERS
        )
        if hold.lifted_at is not None:
            raise ValidationError("This hold has already been lifted")
        hold.lifted_at = timezone.now()
        hold.save(update_fields=["lifted_at"])
        audit.record(
            actor=actor, action=AuditAction.UPDATE, obj=hold, subject_ref=hold.ref, reason=reason.strip()
        )
    return hold


def held_pks(label: str) -> set[int]:
    """The records of model `label` ("reports.report") under a hold now: what every retention
    sweep leaves alone (core/legal_holds.py)."""
    refs = LegalHold.objects.filter(lifted_at__isnull=True, ref__startswith=f"{label}:").values_list(
        "ref", flat=True
    )
    return {int(ref.rsplit(":", 1)[1]) for ref in refs if ref.rsplit(":", 1)[1].isdigit()}
