"""The recorded steps of a referral: the police gateway check and the coordinator's screening
decision. Each records who, when, the decision and the reasons, and moves the referral on."""

from django.core.exceptions import ValidationError
from django.db import transaction

from commonground.core import audit, policy
from commonground.core.access import scope_for
from commonground.core.models import AuditAction, User
from commonground.core.roles import Permission
from commonground.safeguarding import workflow
from commonground.safeguarding.actions import moves
from commonground.safeguarding.models import (
    GatewayCheck,
    GatewayOutcome,
    Referral,
    ScreeningDecision,
    ScreeningOutcome,
)
from commonground.safeguarding.scoping import managed_referrals


def _locked_in_scope(actor: User, referral: Referral, permission: Permission) -> Referral:
    scope = scope_for(actor)
    scope.require(permission)
    locked = policy.row_to_act_on(
        managed_referrals(scope, Referral.objects.select_for_update()),
        referral.pk,
        "That referral is outside your boroughs.",
    )
    return locked


def _move(actor: User, referral: Referral, step_name: str, step) -> None:
    before, after = moves.make_move(referral, step_name)
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=step,
        subject=referral,
        changes={"status": [before, after], "step": str(step)},
        # The reasons stay in the step's own record, which retention erases; the append-only
        # audit trail keeps only that the step happened.
    )


def record_screening_decision(
    *, actor: User, referral: Referral, decision: str, reasons: str, signposted_to: str = ""
) -> ScreeningDecision:
    """The coordinator's screening decision, with reasons; "not appropriate for Channel" names the
    services the person was signposted to."""
    errors = {}
    if decision not in ScreeningOutcome.values:
        errors["decision"] = "Select a screening decision"
    if not reasons.strip():
        errors["reasons"] = "Give the reasons for the decision"
    if decision == ScreeningOutcome.NOT_APPROPRIATE and not signposted_to.strip():
        errors["signposted_to"] = "Name the services the person was signposted to"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = _locked_in_scope(actor, referral, Permission.SCREEN_REFERRALS)
        moves.require_step(locked, workflow.screening_step(decision))
        step = ScreeningDecision.objects.create(
            referral=locked,
            decision=decision,
            reasons=reasons.strip(),
            signposted_to=signposted_to.strip() if decision == ScreeningOutcome.NOT_APPROPRIATE else "",
            decided_by=actor,
        )
        _move(actor, locked, workflow.screening_step(decision), step)
    return step


def record_gateway_check(*, actor: User, referral: Referral, outcome: str, notes: str = "") -> GatewayCheck:
    """The police gateway assessment's outcome, recorded by the coordinator as a step of the case."""
    if outcome not in GatewayOutcome.values:
        raise ValidationError({"outcome": "Select the outcome of the police gateway assessment"})
    with transaction.atomic():
        locked = _locked_in_scope(actor, referral, Permission.MANAGE_CASES)
        moves.require_step(locked, workflow.gateway_step(outcome))
        step = GatewayCheck.objects.create(
            referral=locked, outcome=outcome, notes=notes.strip(), recorded_by=actor
        )
        _move(actor, locked, workflow.gateway_step(outcome), step)
    return step
