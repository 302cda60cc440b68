"""How long sharing agreements and their disclosure records are kept (core/retention_schedule.py)."""

from django.utils.translation import gettext_lazy as _

from commonground.core import retention_schedule
from commonground.core.retention_schedule import AtTheEnd

# Listed on the data protection officers' home once past the period, for them to review.
ENFORCED_BY = "commonground.core.retention_review.records_to_review"
# Six years after an agreement ends: the limitation period for a claim about what was shared.
KEPT_DAYS = 6 * 365

retention_schedule.declare(
    "sharing.SharingAgreement",
    what=_("Information sharing agreements: parties, purpose, lawful basis, dates, the signed document"),
    starts=_("from the day the agreement ended"),
    at_the_end=AtTheEnd.REVIEW,
    enforced_by=ENFORCED_BY,
    days=KEPT_DAYS,
    review_from="ends_on",
)
retention_schedule.declare(
    "sharing.AgreementDisclosure",
    what=_("What was shared under an agreement: which record, from and to which agency, when, by whom"),
    starts=_("kept as long as the agreement"),
    at_the_end=AtTheEnd.REVIEW,
    enforced_by=ENFORCED_BY,
    follows="sharing.SharingAgreement",
)
