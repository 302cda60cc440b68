"""The report line's lists on the staff home page."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from commonground.core import waiting
from commonground.core.access import Scope
from commonground.core.roles import Permission
from commonground.core.waiting import WaitingItem, WaitingList
from commonground.reports import workflow
from commonground.reports.models import ReportStatus
from commonground.reports.queries.helpline import call_backs_passed_to_triage, open_call_backs
from commonground.reports.queries.queue import report_queue


def reports_to_triage(scope: Scope) -> list[WaitingItem]:
    now = timezone.now()
    return [
        WaitingItem(
            label=f"{report.reference}: {report.get_kind_display()}",
            url=reverse("reports:staff-report", args=[report.pk]),
            detail=f"{report.borough or 'Online'} · due {timezone.localtime(report.triage_due_at):%d %b %H:%M}",
            overdue=workflow.is_overdue(report.status, report.triage_due_at, now),
        )
        for report in report_queue(scope, status=ReportStatus.RECEIVED)[:20]
    ]


def call_backs_not_reached(scope: Scope) -> list[WaitingItem]:
    return [
        WaitingItem(
            label=f"{report.reference}: call-back not reached",
            url=reverse("reports:staff-report", args=[report.pk]),
            detail=f"The helpline tried {settings.CALL_BACK_MAX_FAILED_ATTEMPTS} times and could not reach the caller",
            overdue=True,
        )
        for report in call_backs_passed_to_triage(scope)[:20]
    ]


def call_backs_waiting(scope: Scope) -> list[WaitingItem]:
    return [
        WaitingItem(
            label=f"Call-back requested {timezone.localtime(request.requested_at):%d %b %H:%M}",
            url=reverse("reports:call-back", args=[request.pk]),
            detail=f"{request.attempt_count} tr{'y' if request.attempt_count == 1 else 'ies'} so far",
        )
        for request in open_call_backs(scope)[:20]
    ]


def register_lists() -> None:
    waiting.register(
        WaitingList(
            title="Call-backs the helpline could not reach",
            permission=Permission.TRIAGE_REPORTS,
            items_for=call_backs_not_reached,
            empty_text="No call-back has been passed to triage.",
        )
    )
    waiting.register(
        WaitingList(
            title="Call-backs waiting (oldest first)",
            permission=Permission.LOG_HELPLINE_CALLS,
            items_for=call_backs_waiting,
            empty_text="No one is waiting for a call back.",
        )
    )
    waiting.register(
        WaitingList(
            title="Reports waiting for triage",
            permission=Permission.TRIAGE_REPORTS,
            items_for=reports_to_triage,
            empty_text="No report is waiting for triage.",
        )
    )
