"""The daily retention sweep of subject access requests (actions/requests.py `apply_retention`)."""

from django_tasks import task

from commonground.core import schedule
from commonground.governance.actions import requests


@task()
def apply_retention() -> int:
    """Daily: delete requests answered or withdrawn more than two years ago, with their records."""
    return requests.apply_retention()


SCHEDULED: list[schedule.Scheduled] = [schedule.Scheduled("55 3 * * *", apply_retention)]
