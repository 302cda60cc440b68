"""Community grants' time-based notices: a funded group's monitoring report gone overdue tells the
grants officers, once per report."""

from datetime import datetime

from django.urls import reverse
from django.utils import timezone

from commonground.core import notifications, policy
from commonground.core.models import NotificationKind
from commonground.core.notifications import Notice, notify_many
from commonground.core.roles import Permission
from commonground.grants.models import MonitoringReport


def overdue_monitoring_sweep(now: datetime) -> int:
    today = timezone.localtime(now).date()
    overdue = list(
        MonitoringReport.objects.filter(submitted_at__isnull=True, due_on__lt=today)
        .values_list("pk", "application_id", "application__reference")
        .order_by("due_on", "pk")
    )
    if not overdue:
        return 0
    officers = list(policy.who_may(Permission.MANAGE_GRANTS).values_list("pk", flat=True))
    return notify_many(
        (
            officer_id,
            Notice(
                kind=NotificationKind.GRANT_MONITORING_OVERDUE,
                item_key=f"grants.monitoringreport:{report_id}",
                subject=f"The monitoring report for {reference} is overdue",
                url=reverse("grants:staff-application", args=[application_id]),
            ),
        )
        for report_id, application_id, reference in overdue
        for officer_id in officers
    )


def register_sweeps() -> None:
    notifications.register_sweep(overdue_monitoring_sweep)
