"""Records past their retention period that a data protection officer reviews (the schedule's
`AtTheEnd.REVIEW`): for each such declaration, how many records are past the period, counted from
the date it names, listed on the officers' home. The officer then erases what is no longer needed
(through the app's own erasure or the subject access erasure) or keeps it with a reason."""

from datetime import timedelta

from django.apps import apps
from django.utils import timezone

from commonground.core import retention_schedule
from commonground.core.access import Scope
from commonground.core.retention_schedule import AtTheEnd
from commonground.core.roles import Permission
from commonground.core.waiting import WaitingItem, WaitingList, register


def records_to_review(scope: Scope) -> list[WaitingItem]:
    now = timezone.now()
    items = []
    for entry in retention_schedule.schedule():
        if entry.at_the_end != AtTheEnd.REVIEW or entry.review_from is None or entry.period_days is None:
            continue
        model = apps.get_model(entry.label)
        field = model._meta.get_field(entry.review_from)
        cutoff = now - timedelta(days=entry.period_days)
        boundary = cutoff.date() if field.get_internal_type() == "DateField" else cutoff
        count = model._default_manager.filter(**{f"{entry.review_from}__lt": boundary}).count()
        if count:
            items.append(
                WaitingItem(
                    label=str(model._meta.verbose_name_plural).capitalize(),
                    url="/privacy/#retention",
                    detail=f"{count} past {entry.period_days} days: {entry.what}",
                    overdue=True,
                )
            )
    return items


def register_review_list() -> None:
    register(
        WaitingList(
            title="Records past their retention period, to review",
            permission=Permission.REVIEW_ACCESS,
            items_for=records_to_review,
            empty_text="No record waits for a retention review.",
        )
    )
