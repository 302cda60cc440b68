"""Front-line training's daily task: remind people whose refresher falls due (once each)."""

from django_tasks import task

from commonground.core import schedule
from commonground.programme.actions.training_reminders import send_refresher_reminders

# Every day at 07:15, Europe/London.
REMINDER_CRON = "15 7 * * *"


@task()
def remind_refreshers_due() -> int:
    """Daily: remind each person whose refresher is due within 30 days or overdue, once per
    refresher; returns how many were reminded."""
    return send_refresher_reminders()


SCHEDULED = [schedule.Scheduled(REMINDER_CRON, remind_refreshers_due)]
