"""The consented support plan of an adopted Channel case, and how a case ends or moves:
interventions with their progress notes, plan actions, consent withdrawn, exit with the reviews
6 and 12 months later, and transfer to another borough.

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
from commonground.core.conflicts import ConflictError
from commonground.core.models import Area, AuditAction, User
from commonground.core.roles import Permission
from commonground.safeguarding import intervention_workflow, workflow
from commonground.safeguarding.actions import moves
from commonground.safeguarding.actions.referrals import _changed_since
from commonground.safeguarding.models import (
    CaseEvent,
    ExitReview,
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
from commonground.safeguarding.workflow import EXIT_REVIEW_MONTHS, add_months

OPEN_INTERVENTION = (InterventionStatus.PLANNED, InterventionStatus.ACTIVE)

NOT_ADOPTED = "Referral {pk} has not been adopted as a Channel case, so it has no support plan to change"
SUPPORT_ENDED = "Support for referral {pk} has ended, so its support plan can no longer be changed"


# --- Checks shared by every action ----------------------------------------------------------------


def _locked_case(actor: User, referral: Referral) -> Referral:
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
    locked = _locked_case(actor, referral)
    if locked.status == ReferralStatus.EXITED:
        raise ValidationError(SUPPORT_ENDED.format(pk=locked.pk))
    if locked.status != ReferralStatus.ADOPTED:
        raise ValidationError(NOT_ADOPTED.format(pk=locked.pk))
    return locked


def _case_for_step(actor: User, referral: Referral, step: str) -> Referral:
    """The locked referral, if the table allows `step` from its status (refused before any write)."""
    locked = _locked_case(actor, referral)
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


def _check_happened_on(
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


def _audit(actor: User, obj, referral: Referral, action=AuditAction.CREATE, reason: str = "", **changes):
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
        _audit(
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
        _audit(actor, intervention, locked, AuditAction.UPDATE, status=[before, after])
    return intervention


def add_progress_note(*, actor: User, referral: Referral, intervention_id: int, note: str) -> ProgressNote:
    if not note.strip():
        raise ValidationError({"note": "Enter the progress note"})
    with transaction.atomic():
        locked, intervention = _locked_intervention(actor, referral, intervention_id)
        progress = ProgressNote.objects.create(intervention=intervention, note=note.strip(), written_by=actor)
        # The note stays in the case; the trail records that it was written, on which intervention.
        _audit(actor, progress, locked, intervention=intervention.pk)
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
        _audit(actor, plan_action, locked, owner=owner.pk, due_on=due_on)
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
        _audit(actor, plan_action, locked, AuditAction.UPDATE, done_at=[None, plan_action.done_at])
    return plan_action


# --- How support ends: consent withdrawn, exit, and the reviews after ------------------------------


def _end_support(actor: User, referral: Referral, event: CaseEvent, step: str) -> list[ExitReview]:
    """Stop every open intervention, move the case on by `step` (to EXITED) and schedule its exit reviews."""
    still_open = Intervention.objects.select_for_update().filter(
        referral=referral, status__in=OPEN_INTERVENTION
    )
    stopped = []
    for intervention in still_open:
        status_moves.make_move(intervention, intervention_workflow.MACHINE, intervention_workflow.STOPPED)
        stopped.append(intervention.pk)
    before, after = moves.make_move(referral, step)
    reviews = [
        ExitReview.objects.create(
            referral=referral, months_after_exit=months, due_on=add_months(event.happened_on, months)
        )
        for months in EXIT_REVIEW_MONTHS
    ]
    _audit(
        actor,
        event,
        referral,
        # The reasons stay in the case event (erased under retention), not in the audit trail.
        kind=event.kind,
        happened_on=event.happened_on,
        status=[before, after],
        interventions_stopped=stopped,
        exit_reviews_due=[str(review.due_on) for review in reviews],
    )
    return reviews


def record_consent_withdrawn(
    *, actor: User, referral: Referral, happened_on: date | None, reasons: str
) -> CaseEvent:
    """Support is voluntary: when consent is withdrawn the plan stops (every planned or under-way
    intervention is stopped), the case ends and its exit reviews are scheduled."""
    errors: dict[str, str] = {}
    if not reasons.strip():
        errors["reasons"] = "Give the reasons consent was withdrawn"
    with transaction.atomic():
        locked = _case_for_step(actor, referral, workflow.CONSENT_WITHDRAWN)
        _check_happened_on(
            locked, happened_on, errors, "consent was withdrawn", "The date consent was withdrawn"
        )
        if errors or happened_on is None:
            raise ValidationError(errors)
        event = CaseEvent.objects.create(
            referral=locked,
            kind=CaseEvent.Kind.CONSENT_WITHDRAWN,
            happened_on=happened_on,
            reasons=reasons.strip(),
            recorded_by=actor,
        )
        _end_support(actor, locked, event, workflow.CONSENT_WITHDRAWN)
    return event


def close_case(*, actor: User, referral: Referral, happened_on: date | None, reasons: str) -> CaseEvent:
    """End support (exit), with the reasons; schedules the reviews 6 and 12 months after the exit
    date. Any intervention still planned or under way is stopped."""
    errors: dict[str, str] = {}
    if not reasons.strip():
        errors["reasons"] = "Give the reasons support is ending"
    with transaction.atomic():
        locked = _case_for_step(actor, referral, workflow.SUPPORT_ENDED)
        _check_happened_on(
            locked,
            happened_on,
            errors,
            "support ended",
            "The exit date",
        )
        if errors or happened_on is None:
            raise ValidationError(errors)
        event = CaseEvent.objects.create(
            referral=locked,
            kind=CaseEvent.Kind.EXITED,
            happened_on=happened_on,
            reasons=reasons.strip(),
            recorded_by=actor,
        )
        _end_support(actor, locked, event, workflow.SUPPORT_ENDED)
    return event


def complete_exit_review(*, actor: User, referral: Referral, review_id: int, outcome: str) -> ExitReview:
    """A review after support ended, from a month before it is due (`workflow.review_too_early`);
    late is never refused."""
    if not outcome.strip():
        raise ValidationError({"outcome": "Enter the outcome of the review"})
    with transaction.atomic():
        locked = _locked_case(actor, referral)
        review = policy.row_to_act_on(
            ExitReview.objects.select_for_update().filter(referral=locked),
            review_id,
            "That review is not part of this case.",
        )
        if review.completed_at is not None:
            raise ValidationError("This review has already been completed")
        moves.require_step(locked, workflow.EXIT_REVIEW_COMPLETED)
        too_early = workflow.review_too_early(
            months_after_exit=review.months_after_exit, due_on=review.due_on, today=timezone.localdate()
        )
        if too_early:
            raise ValidationError(too_early)
        review.outcome = outcome.strip()
        review.completed_at = timezone.now()
        review.completed_by = actor
        review.save(update_fields=["outcome", "completed_at", "completed_by"])
        _audit(actor, review, locked, AuditAction.UPDATE, months_after_exit=review.months_after_exit)
    return review


# --- Transfer to another borough ---------------------------------------------------------------------


def transfer_case(
    *,
    actor: User,
    referral: Referral,
    expected_version: int,
    to_borough: Area | None,
    happened_on: date | None,
    handover_note: str,
) -> CaseEvent:
    """Hand an adopted case to another borough's coordinator. The referral's borough changes (and
    its ward, which belonged to the old borough, is cleared), so the old borough loses access at
    once. Refused with ConflictError if someone saved the referral since `expected_version`."""
    errors: dict[str, str] = {}
    if not handover_note.strip():
        errors["handover_note"] = "Write a handover note for the new borough's coordinator"
    if to_borough is None or to_borough.level != "borough":
        errors["to_borough"] = "Select the borough the case is moving to"
    with transaction.atomic():
        locked = _case_for_step(actor, referral, workflow.TRANSFERRED)
        if locked.version != expected_version:
            raise ConflictError(_changed_since(locked, expected_version), locked.version)
        if to_borough is not None and to_borough.pk == locked.borough_id:
            errors["to_borough"] = f"The case is already in {to_borough.name}: select another borough"
        _check_happened_on(locked, happened_on, errors, "of the transfer", "The transfer date")
        if errors or to_borough is None or happened_on is None:
            raise ValidationError(errors)
        from_borough = locked.borough
        event = CaseEvent.objects.create(
            referral=locked,
            kind=CaseEvent.Kind.TRANSFERRED,
            happened_on=happened_on,
            reasons=handover_note.strip(),
            from_borough=from_borough,
            to_borough=to_borough,
            recorded_by=actor,
        )
        changed = ["borough", "ward"] if locked.ward_id else ["borough"]
        locked.borough = to_borough
        locked.ward = None
        locked.version += 1
        locked.save(update_fields=[*changed, "version"])
        # In the shape of an edit, so a concurrent edit's conflict message names the borough.
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=locked,
            subject=locked,
            changes={
                "fields": changed,
                "version": [expected_version, locked.version],
                "borough": [from_borough.code, to_borough.code],
                "transfer": event.pk,
            },
            reason="Transferred to another borough",
        )
        _audit(
            actor, event, locked, kind=event.kind, from_borough=from_borough.code, to_borough=to_borough.code
        )
    return event
