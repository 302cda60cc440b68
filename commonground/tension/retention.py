"""How long tension monitoring keeps what it holds about people (core/retention_schedule.py),
imported by TensionConfig.ready()."""

from django.utils.translation import gettext_lazy as _

from commonground.core.retention_schedule import AtTheEnd, declare, follow_all, no_personal_data

REVIEW = "commonground.core.retention_review.records_to_review"

declare(
    "tension.TensionReport",
    what=_(
        "Community tension reports: what was seen or heard, and its source (the words may mention people)"
    ),
    starts=_("from the day the report was made"),
    at_the_end=AtTheEnd.ANONYMISE,
    setting="TENSION_REPORT_TEXT_RETENTION_DAYS",
    enforced_by="commonground.tension.tasks.apply_report_text_retention",
)
declare(
    "tension.TensionAssessment",
    what=_("Weekly tension assessments of an area, with the analyst's reasons and who made them"),
    starts=_("from the week assessed"),
    at_the_end=AtTheEnd.REVIEW,
    days=6 * 365,
    review_from="week_starting_on",
    enforced_by=REVIEW,
)
follow_all(
    "tension.TensionAssessment",
    ["tension.AssessmentRevision"],
    what=_("Earlier versions of an assessment, with the reason for each amendment"),
    enforced_by=REVIEW,
)
declare(
    "tension.ResponseAction",
    what=_("Actions in response to tension: what, which agency, who completed it and the evidence"),
    starts=_("from the day the action was recorded"),
    at_the_end=AtTheEnd.REVIEW,
    days=6 * 365,
    review_from="created_at",
    enforced_by=REVIEW,
)
declare(
    "tension.TriggerEvent",
    what=_("Events that may raise tension (a march, an anniversary), with who recorded them"),
    starts=_("from the day the event was recorded"),
    at_the_end=AtTheEnd.REVIEW,
    days=6 * 365,
    review_from="recorded_at",
    enforced_by=REVIEW,
)
declare(
    "tension.Alert",
    what=_("Alerts that an area's tension changed"),
    starts=_("from the day the alert was raised"),
    at_the_end=AtTheEnd.REVIEW,
    days=2 * 365,
    review_from="raised_at",
    enforced_by=REVIEW,
)
follow_all(
    "tension.Alert",
    ["tension.AlertDelivery"],
    what=_("Which member of staff an alert reached, and when they read it"),
    enforced_by=REVIEW,
)
declare(
    "tension.AlertSubscription",
    what=_("The areas and levels a member of staff asked to be alerted about"),
    starts=_("kept as long as the staff account"),
    at_the_end=AtTheEnd.ERASE,
    follows="core.User",
    enforced_by=REVIEW,
)
declare(
    "tension.ReportDistribution",
    what=_("Which member of staff each weekly tension report was sent to"),
    starts=_("from the week reported"),
    at_the_end=AtTheEnd.REVIEW,
    days=2 * 365,
    review_from="week_starting_on",
    enforced_by=REVIEW,
)
no_personal_data("Reference data: the tension scale", "tension.TensionLevel")
