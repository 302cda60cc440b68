"""The staff dashboards' reads: aggregates only, limited to the boroughs in the user's scope."""

from commonground.insights.queries.dashboards.filters import FilterChoices, Filters, filter_choices
from commonground.insights.queries.dashboards.helpline import HelplineDashboard, helpline_dashboard
from commonground.insights.queries.dashboards.incidents import IncidentsDashboard, incidents_dashboard
from commonground.insights.queries.dashboards.referrals import ReferralsDashboard, referrals_dashboard

__all__ = [
    "FilterChoices",
    "Filters",
    "HelplineDashboard",
    "IncidentsDashboard",
    "ReferralsDashboard",
    "filter_choices",
    "helpline_dashboard",
    "incidents_dashboard",
    "referrals_dashboard",
]
