"""After an award, for the grants officers: payments recorded against it (never more in total than
the award) and the group's monitoring report marked reviewed. Each write audited in its
transaction."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from commonground.core import access, audit, policy
from commonground.core.access import scope_for
from commonground.core.models import AuditAction, User
from commonground.core.roles import Permission
from commonground.grants import budget
from commonground.grants.actions.staff_rows import locked_application
from commonground.grants.models import DecisionOutcome, GrantApplication, MonitoringReport, Payment


def record_payment(*, actor: User, application: GrantApplication, paid_on: date, amount: Decimal) -> Payment:
    scope = scope_for(actor)
    scope.require(Permission.MANAGE_GRANTS)
    if paid_on > timezone.localdate():
        raise ValidationError({"paid_on": "The date paid must be today or in the past"})
    with transaction.atomic():
        current = locked_application(scope, application.pk)
        decision = getattr(current, "decision", None)
        if decision is None or decision.outcome != DecisionOutcome.AWARD:
            raise ValidationError("Payments are recorded only against an award")
        paid = decision.payments.aggregate(total=Sum("amount"))["total"] or budget.ZERO
        refusal = budget.payment_refusal(
            award=decision.amount_awarded or budget.ZERO, paid=paid, amount=amount
        )
        if refusal:
            raise ValidationError({"amount": refusal})
        payment = Payment.objects.create(decision=decision, paid_on=paid_on, amount=amount, recorded_by=actor)
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=payment,
            changes={"application": current.pk, "amount": amount, "paid_on": paid_on},
        )
    return payment


def mark_report_reviewed(*, actor: User, report: MonitoringReport) -> MonitoringReport:
    scope = scope_for(actor)
    scope.require(Permission.MANAGE_GRANTS)
    with transaction.atomic():
        rows = access.visible(scope, MonitoringReport.objects.select_for_update())
        current = policy.row_to_act_on(rows, report.pk, "That monitoring report was not found.")
        if current.submitted_at is None:
            raise ValidationError("The group has not sent this report yet")
        if current.reviewed_at is not None:
            raise ValidationError("This report has already been reviewed")
        current.reviewed_by = actor
        current.reviewed_at = timezone.now()
        current.save(update_fields=["reviewed_by", "reviewed_at"])
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=current,
            changes={"application": current.application_id, "reviewed": True},
        )
    return current
