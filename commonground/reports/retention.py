"""How long the report line keeps what it holds about people (core/retention_schedule.py),
imported by ReportsConfig.ready(). Enforced by actions/retention.py, run daily."""

from django.utils.translation import gettext_lazy as _

from commonground.core.retention_schedule import AtTheEnd, declare, follow_all, no_personal_data

SWEEP = "commonground.reports.tasks.apply_retention"

declare(
    "reports.Report",
    what=_(
        "Reports to the report line: what happened, where, contact details, photos and evidence, and "
        "the concern about a person"
    ),
    starts=_("from the day the report is closed"),
    at_the_end=AtTheEnd.ANONYMISE,
    setting="REPORT_RETENTION_DAYS",
    enforced_by=SWEEP,
)
follow_all(
    "reports.Report",
    [
        "reports.ReportPhoto",
        "reports.Message",
        "reports.ConsentRecord",
        "reports.StatusChange",
        "reports.SharingDecision",
        "reports.ShareRecord",
        "reports.LinkSuggestion",
        "reports.CallBackRequest",
        "reports.CallBackAttempt",
    ],
    what=_(
        "A report's photos, messages with the reporter, consents, status changes and their reasons, "
        "sharing with partners, links and call-back requests"
    ),
    enforced_by=SWEEP,
)
declare(
    "reports.HelplineCall",
    what=_(
        "Helpline calls: the advisor's notes and signposting (a call that made a report is erased with "
        "the report)"
    ),
    starts=_("from the day of the call"),
    at_the_end=AtTheEnd.ANONYMISE,
    setting="HELPLINE_CALL_RETENTION_DAYS",
    enforced_by=SWEEP,
)
no_personal_data(
    "The report line's reference data and set-up: pages, scripts, strands, teams and routing rules",
    "reports.ContentPage",
    "reports.AdviceScript",
    "reports.HostilityStrand",
    "reports.Team",
    "reports.RoutingRule",
)
