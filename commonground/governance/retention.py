"""How long information governance keeps its own records (core/retention_schedule.py)."""

from django.utils.translation import gettext_lazy as _

from commonground.core import retention_schedule
from commonground.core.retention_schedule import AtTheEnd

ENFORCED_BY = "commonground.governance.tasks.apply_retention"
# The ICO's retention schedule for subject access requests: two years from the answer; the log of
# what was disclosed is kept for as long, to show what was given and why.
KEPT_DAYS = 2 * 365

retention_schedule.declare(
    "governance.SubjectAccessRequest",
    what=_("Subject access and erasure requests: who asked, how to reach them, what they asked for"),
    starts=_("from the day the request was answered or withdrawn"),
    at_the_end=AtTheEnd.ERASE,
    enforced_by=ENFORCED_BY,
    days=KEPT_DAYS,
)
retention_schedule.declare(
    "governance.ChosenRecord",
    what=_("The records found to be a requester's, and what became of each"),
    starts=_("kept as long as the request"),
    at_the_end=AtTheEnd.ERASE,
    enforced_by=ENFORCED_BY,
    follows="governance.SubjectAccessRequest",
)
retention_schedule.declare(
    "governance.Disclosure",
    what=_("The disclosure log: what was disclosed to a requester, when, by whom and why"),
    starts=_("kept as long as the request"),
    at_the_end=AtTheEnd.ERASE,
    enforced_by=ENFORCED_BY,
    follows="governance.SubjectAccessRequest",
)
retention_schedule.declare(
    "governance.LegalHold",
    what=_("Legal holds that keep a record from erasure, with the reason"),
    starts=_("from the day the hold is lifted"),
    at_the_end=AtTheEnd.REVIEW,
    enforced_by=ENFORCED_BY,
    days=KEPT_DAYS,
)
