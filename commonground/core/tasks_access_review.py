"""The access review's retention, run daily by the worker (scheduled from CoreConfig.ready)."""

from django_tasks import task

from commonground.core.actions import access_review


@task()
def remove_access_review_records_past_retention() -> dict[str, int]:
    return access_review.remove_past_retention(actor=None)
