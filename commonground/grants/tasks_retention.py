"""The daily retention sweep of community grant records (actions/retention.py)."""

from django_tasks import task

from commonground.core import schedule
from commonground.grants.actions import retention


@task()
def apply_retention() -> dict:
    """Daily: delete grant records past their retention periods."""
    return retention.apply_retention().__dict__


SCHEDULED: list[schedule.Scheduled] = [schedule.Scheduled("50 3 * * *", apply_retention)]
