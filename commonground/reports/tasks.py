"""Background tasks of the report line."""

from django_tasks import task

from commonground.reports import pending_photos


@task()
def remove_abandoned_photos() -> int:
    """Every 15 minutes: photos uploaded in journeys that were never sent are removed once older
    than settings.REPORT_PENDING_PHOTO_MINUTES."""
    return pending_photos.remove_stale()


@task()
def apply_retention() -> dict:
    """Daily: erase personal details of reports and calls past their retention period."""
    from commonground.reports.actions.retention import apply_retention as apply

    return apply().__dict__
