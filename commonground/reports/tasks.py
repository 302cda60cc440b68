"""Background tasks of the report line."""

from django_tasks import task

from commonground.reports import pending_photos


@task()
def remove_abandoned_photos() -> int:
    """Photos uploaded in journeys that were never sent are removed after a day."""
    return pending_photos.remove_stale()
