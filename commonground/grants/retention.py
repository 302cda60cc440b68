"""How long community grants keep what they hold about people (core/retention_schedule.py),
imported by GrantsConfig.ready(). Enforced daily by actions/retention.py (decision 0019)."""

from django.utils.translation import gettext_lazy as _

from commonground.core.retention_schedule import AtTheEnd, declare, follow_all, no_personal_data

SWEEP = "commonground.grants.tasks_retention.apply_retention"

declare(
    "grants.Applicant",
    what=_("Grant applicants' accounts: name, email, phone"),
    starts=_("from the last sign-in, once no application of theirs is kept"),
    at_the_end=AtTheEnd.ERASE,
    setting="GRANT_APPLICANT_RETENTION_DAYS",
    enforced_by=SWEEP,
)
declare(
    "grants.SignInLink",
    what=_("Links emailed to an applicant to sign in"),
    starts=_("from the day the link was made"),
    at_the_end=AtTheEnd.ERASE,
    setting="GRANT_SIGN_IN_LINK_RETENTION_DAYS",
    enforced_by=SWEEP,
)
declare(
    "grants.GrantApplication",
    what=_(
        "Grant applications: the organisation, its contact, the answers and budget (drafts a year, "
        "declined or withdrawn two years, awards seven years)"
    ),
    starts=_("from the award (or the decision, or the day a draft was started)"),
    at_the_end=AtTheEnd.ERASE,
    setting="GRANT_AWARD_RETENTION_DAYS",
    enforced_by=SWEEP,
)
follow_all(
    "grants.GrantApplication",
    [
        "grants.BudgetLine",
        "grants.ApplicationAnswer",
        "grants.ApplicationMessage",
        "grants.AssessorAssignment",
        "grants.ConflictDeclaration",
        "grants.Assessment",
        "grants.CriterionScore",
        "grants.PanelDecision",
        "grants.Payment",
        "grants.MonitoringReport",
        "grants.MonitoringPhoto",
    ],
    what=_("An application's budget, answers, messages, assessments, decision, payments and monitoring"),
    enforced_by=SWEEP,
)
no_personal_data(
    "Grant rounds and their questions and criteria: what the partnership offers",
    "grants.GrantRound",
    "grants.Criterion",
    "grants.RoundQuestion",
)
