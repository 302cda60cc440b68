"""Monitoring reports for the grants officers, from their scope: due, overdue, received (waiting for
review) and reviewed; and the overdue ones for the home page and the sweep."""

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.utils import timezone

from commonground.core import access
from commonground.core.access import Scope
from commonground.grants.models import MonitoringReport


@dataclass(frozen=True)
class MonitoringLists:
    overdue: list[MonitoringReport]
    due: list[MonitoringReport]
    received: list[MonitoringReport]
    reviewed: list[MonitoringReport]


def _reports(scope: Scope) -> QuerySet[MonitoringReport]:
    return access.visible(scope, MonitoringReport).select_related("application", "application__grant_round")


def overdue(scope: Scope, today: date | None = None) -> QuerySet[MonitoringReport]:
    today = today or timezone.localdate()
    return _reports(scope).filter(submitted_at__isnull=True, due_on__lt=today).order_by("due_on", "pk")


def monitoring_lists(scope: Scope) -> MonitoringLists:
    today = timezone.localdate()
    reports = list(_reports(scope).order_by("due_on", "pk"))
    return MonitoringLists(
        overdue=[r for r in reports if r.submitted_at is None and r.due_on < today],
        due=[r for r in reports if r.submitted_at is None and r.due_on >= today],
        received=[r for r in reports if r.submitted_at is not None and r.reviewed_at is None],
        reviewed=[r for r in reports if r.reviewed_at is not None],
    )


def report_or_404(scope: Scope, report_id: int) -> MonitoringReport:
    return access.get_visible_or_404(scope, MonitoringReport, pk=report_id)
