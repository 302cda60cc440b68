"""Retention: what the daily sweep (reports.actions.retention) erases."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from commonground.core.legal_holds import exclude_held
from commonground.reports.models import HelplineCall, Report, ReportStatus, StatusChange


def reports_past_retention(now=None):
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.REPORT_RETENTION_DAYS)
    closed_before_cutoff = StatusChange.objects.filter(to_status=ReportStatus.CLOSED, changed_at__lt=cutoff)
    return exclude_held(
        Report.objects.filter(
            status=ReportStatus.CLOSED,
            erased_at__isnull=True,
            pk__in=closed_before_cutoff.values("report_id"),
        )
    )


def calls_past_retention(now=None):
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.HELPLINE_CALL_RETENTION_DAYS)
    return exclude_held(
        HelplineCall.objects.filter(report__isnull=True, taken_at__lt=cutoff, erased_at__isnull=True)
    )
