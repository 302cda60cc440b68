"""The report line's lists on the staff home page."""

from django.urls import reverse
from django.utils import timezone

from commonground.core import waiting
from commonground.core.access import Scope
from commonground.core.roles import Permission
from commonground.core.waiting import WaitingItem, WaitingList


def reports_to_triage(scope: Scope) -> list[WaitingItem]:
    from commonground.reports.models import ReportStatus
    from commonground.reports.queries import report_queue

    now = timezone.now()
    return [
        WaitingItem(
            label=f"{report.reference}: {report.get_kind_display()}",
            url=reverse("reports:staff-report", args=[report.pk]),
            detail=f"{report.borough or 'Online'} · due {timezone.localtime(report.triage_due_at):%d %b %H:%M}",
            overdue=report.triage_due_at < now,
        )
        for report in report_queue(scope, status=ReportStatus.RECEIVED)[:20]
    ]


def register_lists() -> None:
    waiting.register(
        WaitingList(
            title="Reports waiting for triage",
            permission=Permission.TRIAGE_REPORTS,
            items_for=reports_to_triage,
            empty_text="No report is waiting for triage.",
        )
    )
