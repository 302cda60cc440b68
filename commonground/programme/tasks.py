"""Programme monitoring's background tasks and their schedule: each part adds its own."""

from commonground.core import schedule

SCHEDULED: list[schedule.Scheduled] = []


def register_schedule() -> None:
    for scheduled in SCHEDULED:
        schedule.register(scheduled)
