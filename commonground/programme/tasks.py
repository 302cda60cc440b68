"""Programme monitoring's background tasks and their schedule: each part adds its own."""

from commonground.core import schedule

SCHEDULED: list[schedule.Scheduled] = []

from commonground.programme.tasks_training import SCHEDULED as TRAINING  # noqa: E402

SCHEDULED += TRAINING


def register_schedule() -> None:
    for scheduled in SCHEDULED:
        schedule.register(scheduled)
