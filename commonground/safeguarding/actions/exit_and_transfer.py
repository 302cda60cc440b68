"""How a Channel case ends or moves: consent withdrawn, exit with the reviews 6 and 12 months
later, and transfer to another borough.

Each action: keyword-only, `actor=` first, the coordinator's permission and scope checked on the
locked referral, the change and its audit event (subject: the referral) in one transaction.
Nothing changes when an action refuses."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from commonground.core import audit, policy
from commonground.core.actions import moves as status_moves
from commonground.core.conflicts import ConflictError, fields_changed_since
from commonground.core.models import Area, AuditAction, User
from commonground.safeguarding import intervention_workflow, workflow
from commonground.safeguarding.actions import moves
from commonground.safeguarding.actions.support import (
    OPEN_INTERVENTION,
    audit_change,
    case_for_step,
    check_happened_on,
    locked_case,
)
from commonground.safeguarding.models import EDITABLE_FIELDS, CaseEvent, ExitReview, Intervention, Referral
from commonground.safeguarding.workflow import EXIT_REVIEW_MONTHS, add_months

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
    audit_change(
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
        locked = case_for_step(actor, referral, workflow.CONSENT_WITHDRAWN)
        check_happened_on(
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
        locked = case_for_step(actor, referral, workflow.SUPPORT_ENDED)
        check_happened_on(
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
        locked = locked_case(actor, referral)
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
        audit_change(actor, review, locked, AuditAction.UPDATE, months_after_exit=review.months_after_exit)
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
        locked = case_for_step(actor, referral, workflow.TRANSFERRED)
        if locked.version != expected_version:
            raise ConflictError(
                fields_changed_since(locked, expected_version, EDITABLE_FIELDS), locked.version
            )
        if to_borough is not None and to_borough.pk == locked.borough_id:
            errors["to_borough"] = f"The case is already in {to_borough.name}: select another borough"
        check_happened_on(locked, happened_on, errors, "of the transfer", "The transfer date")
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
        audit_change(
            actor, event, locked, kind=event.kind, from_borough=from_borough.code, to_borough=to_borough.code
        )
    return event
