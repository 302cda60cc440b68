"""The panel's decision (those who decide grants): award in full or in part, or decline, always
with reasons.

An award is refused if it would take the round over its budget (the round's row is locked, so two
panel members cannot both spend the last pounds), if it is more than the group asked for, or while
the assessors' scores disagree and no moderation note resolves it. On an award a monitoring report
falls due `monitoring_due_days` after the event ends, and the event goes on the public calendar if
the group agreed (through the calendar's own action). The group is emailed the outcome with the
reasons once the decision commits."""

from datetime import timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from commonground.calendar.actions import events as calendar_events
from commonground.calendar.models import EventKind
from commonground.core import audit, notify
from commonground.core.access import scope_for
from commonground.core.actions.moves import make_move, require_move
from commonground.core.models import AuditAction, User
from commonground.core.roles import Permission
from commonground.grants import budget, workflow
from commonground.grants.actions.assessment import waits_for_moderation
from commonground.grants.actions.staff_rows import locked_application, locked_round
from commonground.grants.models import (
    DecisionOutcome,
    GrantApplication,
    GrantRound,
    MonitoringReport,
    PanelDecision,
)
from commonground.grants.queries.staff_rounds import round_money

DISAGREEMENT_UNRESOLVED = "The assessors' scores disagree: record a moderation note before the panel decides"


def decide(
    *,
    actor: User,
    application: GrantApplication,
    outcome: str,
    reasons: str,
    amount: Decimal | None = None,
) -> PanelDecision:
    """Award `amount` (in full: the amount asked for, when None) or decline, with `reasons`."""
    scope = scope_for(actor)
    scope.require(Permission.DECIDE_GRANTS)
    reasons = reasons.strip()
    if outcome not in DecisionOutcome.values:
        raise ValidationError({"outcome": "Select award or decline"})
    if not reasons:
        raise ValidationError({"reasons": "Enter the panel's reasons: the group is told them"})
    step = workflow.AWARD if outcome == DecisionOutcome.AWARD else workflow.DECLINE
    with transaction.atomic():
        # The round first, then the application: every decision locks in the same order.
        grant_round = locked_round(scope, application.grant_round_id)
        current = locked_application(scope, application.pk)
        require_move(current, workflow.APPLICATION, step, error_field="outcome")
        if waits_for_moderation(current):
            raise ValidationError(DISAGREEMENT_UNRESOLVED)
        if outcome == DecisionOutcome.AWARD:
            requested = current.amount_requested or budget.ZERO
            amount = requested if amount is None else amount
            refusal = budget.award_refusal(round_money(grant_round), requested=requested, amount=amount)
            if refusal:
                raise ValidationError({"amount": refusal})
        else:
            amount = None
        decision = PanelDecision.objects.create(
            application=current,
            outcome=outcome,
            amount_awarded=amount,
            reasons=reasons,
            decided_by=actor,
            applicant_told_at=timezone.now(),
        )
        moved = make_move(current, workflow.APPLICATION, step)
        report = None
        if outcome == DecisionOutcome.AWARD:
            report = MonitoringReport.objects.create(
                application=current, due_on=monitoring_due_on(current, grant_round)
            )
        calendar = ""
        if outcome == DecisionOutcome.AWARD and current.consents_to_calendar:
            calendar = put_funded_event_on_calendar(actor=actor, application=current)
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=decision,
            changes={
                "application": current.pk,
                "outcome": outcome,
                "amount_awarded": amount,
                "status": list(moved),
                **({"monitoring_due_on": report.due_on} if report else {}),
                **({"calendar": calendar} if calendar else {}),
            },
        )
        _email_the_outcome(current, decision)
    return decision


def monitoring_due_on(application: GrantApplication, grant_round: GrantRound):
    ends = application.event_ends_at or application.event_starts_at or timezone.now()
    return timezone.localtime(ends).date() + timedelta(days=grant_round.monitoring_due_days)


def _email_the_outcome(application: GrantApplication, decision: PanelDecision) -> None:
    """The outcome and the panel's reasons, to the group's contact, once the decision commits."""
    title = application.event_title or "your event"
    if decision.outcome == DecisionOutcome.AWARD:
        amount = budget.pounds(decision.amount_awarded or budget.ZERO)
        opening = f"The panel has awarded {amount} towards {title}."
        after = (
            "We will be in touch about payment. After your event, you will be asked to tell us how it "
            "went: sign in to see when your monitoring report is due."
        )
        subject = f"Your application {application.reference} has been awarded a grant"
    else:
        opening = f"The panel has decided not to fund {title} this time."
        after = "You are welcome to apply to a future round. Sign in to see your application."
        subject = f"The panel's decision on your application {application.reference}"
    notify.email(
        to=[application.applicant.email],
        subject=subject,
        body=(
            f"Dear {application.applicant.full_name},\n\n{opening}\n\n"
            f"The panel's reasons:\n{decision.reasons}\n\n{after}\n"
        ),
    )


CALENDAR_CONSENT = "The group agreed on their grant application"


def put_funded_event_on_calendar(*, actor: User, application: GrantApplication) -> str:
    """The one place a funded event goes onto the public calendar, through the calendar's own
    action, for a group that agreed to it. In a savepoint of its own: an event the calendar cannot
    take (no end time, a borough beyond the actor's) never undoes the award. Returns what happened,
    in words, for the decision's audit event."""
    starts_at, ends_at = application.event_starts_at, application.event_ends_at
    if starts_at is None or ends_at is None:
        return "not published: the application gives no start and end"
    try:
        with transaction.atomic():
            event = calendar_events.publish_funded_event(
                actor=actor,
                title=application.event_title,
                description=application.event_description,
                kind=EventKind.COMMUNITY_GATHERING,
                starts_at=starts_at,
                ends_at=ends_at,
                venue=application.event_venue,
                address=application.event_venue,
                postcode=application.event_postcode,
                borough=application.borough,
                organiser=application.organisation_name,
                source_reference=application.reference,
                consent_source=CALENDAR_CONSENT,
            )
    except (ValidationError, PermissionDenied) as refused:
        return f"not published: {' '.join(refused.messages) if isinstance(refused, ValidationError) else refused}"
    return f"published as event {event.pk}"
