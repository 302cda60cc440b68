"""How long the #WeStandTogether calendar keeps what it holds about people
(core/retention_schedule.py), imported by the app's ready()."""

from django.utils.translation import gettext_lazy as _

from commonground.core.retention_schedule import AtTheEnd, declare

declare(
    "community_calendar.Event",
    what=_(
        "Events on the calendar: the organiser's name and contact details, given with consent to "
        "publish, and who recorded the event"
    ),
    starts=_("from the day the event ended"),
    at_the_end=AtTheEnd.REVIEW,
    days=2 * 365,
    review_from="ends_at",
    enforced_by="commonground.core.retention_review.records_to_review",
)
