"""Programme monitoring's background tasks and their schedule: each part adds its own."""

from django_tasks import task

from commonground.core import schedule
from commonground.programme import tasks_training
from commonground.programme.actions import retention


@task()
def apply_retention() -> dict:
    """Daily: delete briefings long expired and refresher reminders long past (actions/retention.py)."""
    return retention.apply_retention().__dict__


SCHEDULED: list[schedule.Scheduled] = [
    schedule.Scheduled("40 3 * * *", apply_retention),
    *tasks_training.SCHEDULED,
]


def register_schedule() -> None:
    for scheduled in SCHEDULED:
        schedule.register(scheduled)
