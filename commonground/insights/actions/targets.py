"""Setting a target for Prevent across the boroughs: a new row each time, so the history is kept."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from commonground.core import audit
from commonground.core.access import scope_for
from commonground.core.models import AuditAction, User
from commonground.core.roles import Permission
from commonground.insights import prevent_targets
from commonground.insights.models import PreventTarget


@transaction.atomic
def set_prevent_target(
    *, actor: User, measure: str, green: Decimal, amber: Decimal, direction: str, reason: str
) -> PreventTarget:
    """Record the target now in force for `measure`; the earlier ones stay as its history."""
    scope_for(actor).require(Permission.SET_PREVENT_TARGETS)
    errors = {}
    if measure not in prevent_targets.MEASURES_BY_KEY:
        errors["measure"] = "Select a measure"
    if direction not in prevent_targets.DIRECTIONS:
        errors["direction"] = "Select whether higher or lower is better"
    else:
        errors |= prevent_targets.threshold_errors(
            green=float(green), amber=float(amber), direction=direction
        )
    if not reason.strip():
        errors["reason"] = "Explain the target: the reason is shown beside every cell it colours"
    if errors:
        raise ValidationError(errors)
    target = PreventTarget.objects.create(
        measure=measure,
        green_threshold=green,
        amber_threshold=amber,
        direction=direction,
        reason=reason.strip(),
        set_by=actor,
        set_at=timezone.now(),
    )
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=target,
        changes={
            "measure": measure,
            "green_threshold": str(green),
            "amber_threshold": str(amber),
            "direction": direction,
        },
        reason=target.reason,
    )
    return target
