"""Scheduled tasks, declared in code. `run_worker` enqueues each at its times (cron syntax,
Europe/London); a unique row per slot means several workers never enqueue a slot twice."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from croniter import croniter
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks.base import Task

from commonground.core import tasks
from commonground.core.models import ScheduledRun


@dataclass(frozen=True)
class Scheduled:
    cron: str
    task: Task[Any, Any]

    @property
    def name(self) -> str:
        return self.task.module_path


SCHEDULE: list[Scheduled] = [
    Scheduled("17 3 * * *", tasks.clear_expired_sessions),
    Scheduled("35 4 * * *", tasks.remove_expired_idempotency_keys),
    Scheduled("37 4 * * *", tasks.remove_notifications_past_retention),
    Scheduled("30 2 * * *", tasks.verify_audit_trail),
    Scheduled("40 2 * * *", tasks.anchor_audit_trail),
    Scheduled("0 3 * * *", tasks.back_up),  # after the anchor, so the backup holds it
    Scheduled("45 3 * * *", tasks.remove_audit_events_past_retention),
    Scheduled("5 * * * *", tasks.send_due_notices),
    Scheduled("0 7 * * *", tasks.send_notification_digests),
]


def register(entry: Scheduled) -> None:
    """Each capability declares its own scheduled tasks (in its AppConfig.ready)."""
    if all(existing.name != entry.name for existing in SCHEDULE):
        SCHEDULE.append(entry)


def due_slots(entry: Scheduled, *, since: datetime, until: datetime) -> list[datetime]:
    """The scheduled times of `entry` in (since, until], in local time."""
    local_since = timezone.localtime(since)
    slots: list[datetime] = []
    iterator = croniter(entry.cron, local_since)
    while True:
        slot = iterator.get_next(datetime)
        if slot > timezone.localtime(until):
            return slots
        slots.append(slot)


def enqueue_due(*, now: datetime | None = None, lookback: timedelta = timedelta(minutes=10)) -> list[str]:
    """Enqueue every slot due in the last `lookback` (so a short restart misses nothing) that no
    scheduler has enqueued yet. Returns what it enqueued."""
    now = now or timezone.now()
    enqueued = []
    for entry in SCHEDULE:
        for slot in due_slots(entry, since=now - lookback, until=now):
            try:
                with transaction.atomic():
                    run = ScheduledRun.objects.create(task_name=entry.name, slot_at=slot)
                    result = entry.task.enqueue()
                    run.task_result_id = str(result.id)
                    run.save(update_fields=["task_result_id"])
            except IntegrityError:
                continue  # another scheduler took this slot
            enqueued.append(f"{entry.name} @ {slot:%Y-%m-%d %H:%M}")
    return enqueued
