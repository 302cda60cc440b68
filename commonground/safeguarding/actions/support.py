"""The consented support plan of an adopted Channel case: interventions with their progress notes,
and plan actions; and the checks every casework action on an adopted case shares (how a case ends
or moves is in exit_and_transfer.py).

Each action: keyword-only, `actor=` first, the coordinator's permission and scope checked on the
locked referral, the change and its audit event (subject: the referral) in one transaction.
Nothing changes when an action refuses."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from commonground.core import access, audit, policy
from commonground.core.access import scope_for
from commonground.core.actions import moves as status_moves
from commonground.core.models import AuditAction, User
from commonground.core.roles import Permission
from commonground.safeguarding import intervention_workflow, workflow
from commonground.safeguarding.actions import moves
from commonground.safeguarding.models import (
    Intervention,
    InterventionKind,
    InterventionStatus,
    PanelDecision,
    PanelOutcome,
    PlanAction,
    ProgressNote,
    Referral,
    ReferralStatus,
)
from commonground.safeguarding.scoping import managed_referrals

OPEN_INTERVENTION = (InterventionStatus.PLANNED, InterventionStatus.ACTIVE)

NOT_ADOPTED = "Referral {pk} has not been adopted as a Channel case, so it has no support plan to change"
SUPPORT_ENDED = "Support for referral {pk} has ended, so its support plan can no longer be changed"


# --- Checks shared by every action ----------------------------------------------------------------


def locked_case(actor: User, referral: Referral) -> Referral:
    """The referral, locked, if the actor manages cases and it is in their scope."""
    scope = scope_for(actor)
    scope.require(Permission.MANAGE_CASES)
    locked = policy.row_to_act_on(
        managed_referrals(scope, Referral.objects.select_for_update()),
        referral.pk,
        "That referral is outside your boroughs.",
    )
    return locked


def _adopted_case(actor: User, referral: Referral) -> Referral:
    locked = locked_case(actor, referral)
    if locked.status == ReferralStatus.EXITED:
        raise ValidationError(SUPPORT_ENDED.format(pk=locked.pk))
    if locked.status != ReferralStatus.ADOPTED:
        raise ValidationError(NOT_ADOPTED.format(pk=locked.pk))
    return locked


def case_for_step(actor: User, referral: Referral, step: str) -> Referral:
    """The locked referral, if the table allows `step` from its status (refused before any write)."""
    locked = locked_case(actor, referral)
    moves.require_step(locked, step)
    return locked


def _adopted_on(referral: Referral) -> date | None:
    """The date of the panel meeting that adopted the case (none for a case adopted before panels
    were recorded here)."""
    return (
        PanelDecision.objects.filter(agenda_item__referral=referral, outcome=PanelOutcome.ADOPT)
        .order_by("-agenda_item__meeting__meets_on")
        .values_list("agenda_item__meeting__meets_on", flat=True)
        .first()
    )


def _check_owner(actor: User, owner: User | None, errors: dict[str, str], field: str = "owner") -> None:
    """An owner is an active colleague the coordinator can see in the staff directory."""
    if owner is None:
        errors[field] = "Select who owns this"
        return
    scope = scope_for(actor)
    if not access.visible(scope, User).filter(pk=owner.pk, is_active=True).exists():
        errors[field] = "Select an owner from the staff in your areas"


def check_happened_on(
    referral: Referral, happened_on: date | None, errors: dict[str, str], what: str, too_early: str
) -> None:
    """A date from the referral's receipt (and the case's adoption) to today; `too_early` names what
    cannot come before them."""
    if happened_on is None:
        errors["happened_on"] = f"Enter the date {what}"
        return
    message = workflow.case_event_date_error(
        happened_on,
        today=timezone.localdate(),
        received_on=timezone.localdate(referral.received_at),
        adopted_on=_adopted_on(referral),
        what=what,
        too_early=too_early,
    )
    if message:
        errors["happened_on"] = message


def audit_change(
    actor: User, obj, referral: Referral, action=AuditAction.CREATE, reason: str = "", **changes
):
    audit.record(actor=actor, action=action, obj=obj, subject=referral, changes=changes, reason=reason)


# --- Interventions, progress notes and plan actions ------------------------------------------------


def add_intervention(
    *,
    actor: User,
    referral: Referral,
    kind: str,
    provider: str,
    owner: User | None,
    starts_on: date | None,
    due_on: date | None,
) -> Intervention:
    """Add an intervention (mentoring, education, health…) to an adopted case's plan."""
    errors: dict[str, str] = {}
    if kind not in InterventionKind.values:
        errors["kind"] = "Select the kind of support"
    if not provider.strip():
        errors["provider"] = "Enter who provides the support"
    if starts_on is None:
        errors["starts_on"] = "Enter the date the support starts"
    if due_on is None:
        errors["due_on"] = "Enter the date the support is due to end"
    elif starts_on is not None and due_on < starts_on:
        errors["due_on"] = "The due date must be the same as or after the start date"
    with transaction.atomic():
        locked = _adopted_case(actor, referral)
        _check_owner(actor, owner, errors)
        if errors or owner is None or starts_on is None or due_on is None:
            raise ValidationError(errors)
        intervention = Intervention.objects.create(
            referral=locked,
            kind=kind,
            provider=provider.strip(),
            owner=owner,
            starts_on=starts_on,
            due_on=due_on,
        )
        audit_change(
            actor,
            intervention,
            locked,
            kind=kind,
            owner=owner.pk,
            starts_on=starts_on,
            due_on=due_on,
            status=intervention.status,
        )
    return intervention


def _locked_intervention(
    actor: User, referral: Referral, intervention_id: int
) -> tuple[Referral, Intervention]:
    locked = _adopted_case(actor, referral)
    intervention = policy.row_to_act_on(
        Intervention.objects.select_for_update().filter(referral=locked),
        intervention_id,
        "That intervention is not part of this plan.",
    )
    return locked, intervention


def change_intervention_status(
    *, actor: User, referral: Referral, intervention_id: int, status: str
) -> Intervention:
    """Move an intervention on: planned → under way → completed, or stopped. Completed and stopped
    are final."""
    if status not in InterventionStatus.values:
        raise ValidationError({"status": "Select the status of the support"})
    with transaction.atomic():
        locked, intervention = _locked_intervention(actor, referral, intervention_id)
        if status == intervention.status:
            return intervention
        before, after = status_moves.make_move(
            intervention, intervention_workflow.MACHINE, status, error_field="status"
        )
        audit_change(actor, intervention, locked, AuditAction.UPDATE, status=[before, after])
    return intervention


def add_progress_note(*, actor: User, referral: Referral, intervention_id: int, note: str) -> ProgressNote:
    if not note.strip():
        raise ValidationError({"note": "Enter the progress note"})
    with transaction.atomic():
        locked, intervention = _locked_intervention(actor, referral, intervention_id)
        progress = ProgressNote.objects.create(intervention=intervention, note=note.strip(), written_by=actor)
        # The note stays in the case; the trail records that it was written, on which intervention.
        audit_change(actor, progress, locked, intervention=intervention.pk)
    return progress


def add_plan_action(
    *, actor: User, referral: Referral, description: str, owner: User | None, due_on: date | None
) -> PlanAction:
    errors: dict[str, str] = {}
    if not description.strip():
        errors["description"] = "Describe the action"
    if due_on is None:
        errors["due_on"] = "Enter the date the action is due"
    with transaction.atomic():
        locked = _adopted_case(actor, referral)
        _check_owner(actor, owner, errors)
        if errors or owner is None or due_on is None:
            raise ValidationError(errors)
        plan_action = PlanAction.objects.create(
            referral=locked, description=description.strip(), owner=owner, due_on=due_on
        )
        audit_change(actor, plan_action, locked, owner=owner.pk, due_on=due_on)
    return plan_action


def mark_plan_action_done(*, actor: User, referral: Referral, action_id: int) -> PlanAction:
    with transaction.atomic():
        locked = _adopted_case(actor, referral)
        plan_action = policy.row_to_act_on(
            PlanAction.objects.select_for_update().filter(referral=locked),
            action_id,
            "That action is not part of this plan.",
        )
        if plan_action.done_at is not None:
            return plan_action
        plan_action.done_at = timezone.now()
        plan_action.save(update_fields=["done_at"])
        audit_change(actor, plan_action, locked, AuditAction.UPDATE, done_at=[None, plan_action.done_at])
    return plan_action
