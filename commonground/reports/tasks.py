"""Background tasks of the report line."""

from django_tasks import task

from commonground.reports import pending_photos
from commonground.reports.actions import retention


@task()
def remove_abandoned_photos() -> int:
    """Every 15 minutes: photos uploaded in journeys that were never sent are removed once older
    than settings.REPORT_PENDING_PHOTO_MINUTES."""
    return pending_photos.remove_stale()


@task()
def apply_retention() -> dict:
    """Daily: erase personal details of reports and calls past their retention period."""
    return retention.apply_retention().__dict__
