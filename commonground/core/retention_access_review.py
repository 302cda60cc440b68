"""How long the records of emergency access and of the access review are kept (the retention
schedule: core/retention_schedule.py), imported by CoreConfig.ready()."""

from django.utils.translation import gettext_lazy as _

from commonground.core.retention_schedule import AtTheEnd, declare

_TASK = "commonground.core.tasks_access_review.remove_access_review_records_past_retention"

declare(
    "core.BreakGlassAccess",
    what=_(
        "Emergency (break-glass) access by staff to a record outside their scope, with the reason and its review"
    ),
    starts=_("from the day the record was opened, once a data protection officer has reviewed it"),
    at_the_end=AtTheEnd.ERASE,
    setting="ACCESS_REVIEW_RETENTION_DAYS",
    enforced_by=_TASK,
)
declare(
    "core.OutOfScopeAttempt",
    what=_("Failed attempts by staff to open a record outside their scope"),
    starts=_("from the day of the attempt"),
    at_the_end=AtTheEnd.ERASE,
    setting="ACCESS_REVIEW_RETENTION_DAYS",
    enforced_by=_TASK,
)
declare(
    "core.AccessReviewMark",
    what=_("A data protection officer's notes reviewing staff access to personal records"),
    starts=_("from the week reviewed"),
    at_the_end=AtTheEnd.ERASE,
    setting="ACCESS_REVIEW_RETENTION_DAYS",
    enforced_by=_TASK,
)
