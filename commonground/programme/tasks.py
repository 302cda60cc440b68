"""Programme monitoring's background tasks and their schedule: each part adds its own."""

from commonground.core import schedule
from commonground.programme import tasks_training

SCHEDULED: list[schedule.Scheduled] = []

SCHEDULED += tasks_training.SCHEDULED


def register_schedule() -> None:
    for scheduled in SCHEDULED:
        schedule.register(scheduled)
