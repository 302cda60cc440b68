"""The background queue's health, for the people who keep the service running.

Read on the system administrators' home (a waiting list), by `manage.py check_task_queue` (for an
outside monitor: its exit code says stuck or not), and every half minute by each worker's scheduler,
which emails the administrators when the queue is stuck — directly, not through the queue, which
is what is stuck. One email per hour at most, whichever worker notices first (the shared cache)."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from commonground.core import policy
from commonground.core.access import Scope
from commonground.core.queue_rules import QueueState, is_stuck
from commonground.core.roles import Permission
from commonground.core.waiting import WaitingItem

logger = logging.getLogger("commonground.worker")

ALERTED_KEY = "task-queue:alerted"
ALERT_AT_MOST_EVERY = timedelta(hours=1)


def queue_state() -> QueueState:
    now = timezone.now()
    ready = DBTaskResult.objects.ready()
    oldest = ready.order_by("enqueued_at").values_list("enqueued_at", "task_path").first()
    abandoned_before = now - timedelta(minutes=settings.TASK_ABANDONED_AFTER_MINUTES)
    return QueueState(
        oldest_ready_at=oldest[0] if oldest else None,
        oldest_ready_task=oldest[1].rsplit(".", 1)[-1] if oldest else "",
        ready=ready.count(),
        failed_recently=DBTaskResult.objects.failed()
        .filter(finished_at__gte=now - timedelta(days=1))
        .count(),
        running_too_long=DBTaskResult.objects.running().filter(started_at__lt=abandoned_before).count(),
    )


def queue_is_stuck(state: QueueState | None = None) -> bool:
    return is_stuck(
        state or queue_state(),
        now=timezone.now(),
        alert_after=timedelta(minutes=settings.TASK_QUEUE_ALERT_MINUTES),
    )


def health_items(scope: Scope) -> list[WaitingItem]:
    """The system administrators' home: the oldest waiting task and the failures of the last day."""
    state = queue_state()
    results = reverse("admin:django_tasks_database_dbtaskresult_changelist")
    items = []
    if state.oldest_ready_at is not None:
        waited = timezone.now() - state.oldest_ready_at
        items.append(
            WaitingItem(
                label=f"{state.ready} task(s) waiting; the oldest ({state.oldest_ready_task}) for "
                f"{_minutes(waited)}",
                url=f"{results}?status__exact=READY",
                detail="Workers take waiting tasks within seconds; a long wait means no worker is running.",
                overdue=queue_is_stuck(state),
            )
        )
    if state.running_too_long:
        items.append(
            WaitingItem(
                label=f"{state.running_too_long} task(s) left running by a stopped worker",
                url=f"{results}?status__exact=RUNNING",
                detail="A running worker puts them back in the queue.",
                overdue=True,
            )
        )
    if state.failed_recently:
        items.append(
            WaitingItem(
                label=f"{state.failed_recently} task(s) failed in the last 24 hours",
                url=f"{results}?status__exact=FAILED",
                detail="Each result shows the error.",
            )
        )
    return items


def alert_if_stuck() -> bool:
    """Email the system administrators if the queue is stuck and nobody was told in the last hour."""
    state = queue_state()
    if not queue_is_stuck(state):
        return False
    if not cache.add(
        ALERTED_KEY, timezone.now().isoformat(), timeout=int(ALERT_AT_MOST_EVERY.total_seconds())
    ):
        return False
    logger.error(
        "The background queue is stuck: %s task(s) waiting since %s, %s left running",
        state.ready,
        state.oldest_ready_at,
        state.running_too_long,
    )
    recipients = policy.emails_of(policy.who_may(Permission.MONITOR_BACKGROUND_TASKS))
    if recipients:
        send_mail(
            f"{settings.SERVICE_NAME}: background tasks are waiting too long",
            f"{state.ready} background task(s) are waiting; the oldest has waited more than "
            f"{settings.TASK_QUEUE_ALERT_MINUTES} minutes. Emails to reporters and staff, alerts and "
            "retention sweeps wait with them.\n\nCheck that the workers are running (`manage.py "
            "check_task_queue`), and sign in to see the queue on your home page.",
            settings.DEFAULT_FROM_EMAIL,
            recipients,
        )
    return True


def _minutes(waited: timedelta) -> str:
    minutes = int(waited.total_seconds() // 60)
    if minutes < 1:
        return "less than a minute"
    return f"{minutes} minute{'s' if minutes != 1 else ''}"
