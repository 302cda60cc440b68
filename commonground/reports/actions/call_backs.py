"""Call-back requests: opened when a resident asks, in the worry journey, for an advisor to call
them; each try an advisor makes is logged. Speaking to the caller closes the request; after
`CALL_BACK_MAX_FAILED_ATTEMPTS` failed tries it is passed to a triage officer."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from commonground.core import access, audit
from commonground.core.access import scope_for
from commonground.core.models import AuditAction, User
from commonground.core.roles import Permission
from commonground.reports.models import CallBackAttempt, CallBackOutcome, CallBackRequest, Report, WorryRoute


def open_call_back_request(*, report: Report) -> CallBackRequest | None:
    """Called inside the transaction that creates the report (a resident has no account, so this
    is the submission's own step, audited with the report's creation)."""
    if report.worry_route != WorryRoute.CALL_BACK:
        return None
    return CallBackRequest.objects.create(report=report)


def log_attempt(*, actor: User, request_id: int, outcome: str) -> CallBackAttempt:
    scope = scope_for(actor)
    scope.require(Permission.LOG_HELPLINE_CALLS)
    if outcome not in CallBackOutcome.values:
        raise ValidationError({"outcome": "Select what happened when you called"})
    with transaction.atomic():
        request = access.get_visible_or_404(
            scope, CallBackRequest.objects.select_for_update().select_related("report"), pk=request_id
        )
        if not request.is_open:
            raise ValidationError({"outcome": "This call-back is closed: nothing more to log"})
        now = timezone.now()
        attempt = CallBackAttempt.objects.create(
            request=request, advisor=actor, attempted_at=now, outcome=outcome
        )
        failed = request.attempts.exclude(outcome=CallBackOutcome.SPOKE).count()
        if outcome == CallBackOutcome.SPOKE:
            request.spoken_at = now
        elif failed >= settings.CALL_BACK_MAX_FAILED_ATTEMPTS:
            request.passed_to_triage_at = now
        request.save(update_fields=["spoken_at", "passed_to_triage_at"])
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=attempt,
            subject=request.report,
            changes={
                "outcome": outcome,
                "failed_attempts": failed,
                "passed_to_triage": request.passed_to_triage_at is not None,
            },
        )
    return attempt
