"""Logging a helpline call, and creating a report from it in the same step."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from commonground.core import audit
from commonground.core.access import scope_for
from commonground.core.models import Area, AuditAction, User
from commonground.core.roles import Permission
from commonground.reports.actions.submission import ReportAnswers, Submitted, submit_report
from commonground.reports.models import (
    AdviceScript,
    CallerType,
    CallOutcome,
    CallTopic,
    Channel,
    HelplineCall,
    ReportKind,
)

MAX_CALL_MINUTES = 600


@dataclass(frozen=True)
class LoggedCall:
    call: HelplineCall
    # The report created from the call, if one was: its reference is read to the caller.
    submitted: Submitted | None


def log_call(
    *,
    actor: User,
    caller_type: str,
    topic: str,
    outcome: str,
    duration_minutes: int,
    language: str = "English",
    interpreter_used: bool = False,
    borough_code: str = "",
    advice_given: Iterable[AdviceScript] = (),
    signposted_to: str = "",
    notes: str = "",
    report: ReportAnswers | None = None,
    submission_key: str | None = None,
) -> LoggedCall:
    """Record a call. With `report`, also create a report through the helpline channel, in the same
    transaction; the call's outcome is then "report created". A retried submission (same key)
    returns the call already logged."""
    scope_for(actor).require(Permission.LOG_HELPLINE_CALLS)
    if report is not None:
        outcome = CallOutcome.REPORT_CREATED
    _check(
        caller_type=caller_type,
        topic=topic,
        outcome=outcome,
        duration_minutes=duration_minutes,
        signposted_to=signposted_to,
        report=report,
    )
    borough = Area.objects.boroughs().filter(code=borough_code).first() if borough_code else None
    if borough_code and borough is None:
        raise ValidationError({"borough": "Select a borough from the list"})

    with transaction.atomic():
        submitted = None
        if report is not None:
            submitted = submit_report(
                actor=actor,
                answers=report,
                channel=Channel.HELPLINE,
                submission_key=submission_key,
                recorded_by_agency=actor.agency,
            )
            if not submitted.created:
                already = HelplineCall.objects.filter(report=submitted.report).first()
                if already is not None:
                    return LoggedCall(already, submitted)
        call = HelplineCall.objects.create(
            advisor=actor,
            taken_at=timezone.now(),
            duration_minutes=duration_minutes,
            caller_type=caller_type,
            language=(language or "English").strip()[:60],
            interpreter_used=interpreter_used,
            topic=topic,
            borough=borough,
            outcome=outcome,
            signposted_to=signposted_to.strip() if outcome == CallOutcome.SIGNPOSTED else "",
            notes=notes.strip(),
            report=submitted.report if submitted else None,
        )
        scripts = list(advice_given)
        call.advice_given.set(scripts)
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=call,
            subject=submitted.report if submitted else None,
            changes={
                "topic": topic,
                "outcome": outcome,
                "duration_minutes": duration_minutes,
                "advice_given": sorted(script.title for script in scripts),
                "report": submitted.report.reference if submitted else None,
            },
        )
    return LoggedCall(call, submitted)


def _check(*, caller_type, topic, outcome, duration_minutes, signposted_to, report) -> None:
    errors = {}
    if caller_type not in CallerType.values:
        errors["caller_type"] = "Select who is calling"
    if topic not in CallTopic.values:
        errors["topic"] = "Select what the call is about"
    if outcome not in CallOutcome.values:
        errors["outcome"] = "Select the outcome of the call"
    elif outcome == CallOutcome.REPORT_CREATED and report is None:
        errors["outcome"] = (
            "To record that a report was created, tick “Create a report from this call” and give its details"
        )
    if outcome == CallOutcome.SIGNPOSTED and not signposted_to.strip():
        errors["signposted_to"] = "Enter the name of the service you signposted the caller to"
    if not isinstance(duration_minutes, int) or not 1 <= duration_minutes <= MAX_CALL_MINUTES:
        errors["duration_minutes"] = (
            f"The length of the call must be between 1 and {MAX_CALL_MINUTES} minutes"
        )
    if report is not None:
        if report.kind not in ReportKind.values:
            errors["kind"] = "Select what kind of report it is"
        if not report.description.strip():
            errors["description"] = "Enter what the caller agreed to share"
        if not report.is_online and not report.borough_code:
            errors["borough"] = "Select the borough where it happened, or tick “It happened online”"
    if errors:
        raise ValidationError(errors)
