"""How long casework keeps what it holds about people (core/retention_schedule.py), imported by
SafeguardingConfig.ready(). Nothing is erased automatically: the daily task lists referrals past
their period and a data protection officer confirms each erasure (actions/retention.py)."""

from django.utils.translation import gettext_lazy as _

from commonground.core.retention_schedule import AtTheEnd, declare, follow_all, no_personal_data

LISTED = "commonground.safeguarding.tasks.list_records_past_retention"

declare(
    "safeguarding.Referral",
    what=_(
        "Safeguarding referrals and cases: the person, the concern, the referrer, screening, the "
        "panel's discussion and decision, the support plan and its reviews"
    ),
    starts=_(
        "from the decision that ended it (3 years: no further action, signposting, not adopted), or "
        "from exit from Channel support (6 years)"
    ),
    at_the_end=AtTheEnd.REVIEW,
    setting="SAFEGUARDING_RETENTION_CASE_DAYS",
    enforced_by=LISTED,
)
follow_all(
    "safeguarding.Referral",
    [
        "safeguarding.ScreeningDecision",
        "safeguarding.GatewayCheck",
        "safeguarding.EqualityMonitoring",
        "safeguarding.InformationRequest",
        "safeguarding.InformationAnswerRevision",
        "safeguarding.InformationRequestMessage",
        "safeguarding.AgendaItem",
        "safeguarding.FactorDiscussion",
        "safeguarding.PanelDecision",
        "safeguarding.Intervention",
        "safeguarding.ProgressNote",
        "safeguarding.PlanAction",
        "safeguarding.CaseEvent",
        "safeguarding.ExitReview",
        "safeguarding.RetentionReview",
    ],
    what=_(
        "Everything recorded about a referral: decisions and reasons, information requests and "
        "answers, the panel's discussion, interventions and notes, equality monitoring"
    ),
    enforced_by=LISTED,
)
declare(
    "safeguarding.PanelMeeting",
    what=_("Panel meetings: the borough, date, chair and who attended or sent apologies"),
    starts=_("from the day of the meeting"),
    at_the_end=AtTheEnd.REVIEW,
    setting="SAFEGUARDING_RETENTION_CASE_DAYS",
    review_from="meets_on",
    enforced_by="commonground.core.retention_review.records_to_review",
)
follow_all(
    "safeguarding.PanelMeeting",
    ["safeguarding.Attendance"],
    what=_("Who attended a panel meeting, for which agency"),
    enforced_by="commonground.core.retention_review.records_to_review",
)
declare(
    "safeguarding.PanelPackFile",
    what=_("A panel pack prepared as a PDF for one reader"),
    starts=_("from the moment it was asked for (24 hours, unless the partnership has set another period)"),
    at_the_end=AtTheEnd.ERASE,
    days=1,
    enforced_by="commonground.safeguarding.tasks.remove_expired_panel_packs",
)
no_personal_data(
    "Reference data: the vulnerability factors of the framework", "safeguarding.VulnerabilityFactor"
)
