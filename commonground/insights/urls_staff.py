"""Staff insights under /staff/insights/: dashboards, the fairness check, spike detection
and Prevent across the boroughs (with its targets)."""

from django.urls import path

from commonground.insights.views import dashboards, fairness, prevent, spikes

urlpatterns: list = [
    path("staff/insights/", dashboards.incidents, name="staff-incidents"),
    path("staff/insights/referrals/", dashboards.referrals, name="staff-referrals"),
    path("staff/insights/helpline/", dashboards.helpline, name="staff-helpline"),
    path("staff/insights/fairness/", fairness.fairness, name="staff-fairness"),
    path("staff/insights/spikes/", spikes.spikes, name="staff-spikes"),
    path("staff/insights/prevent/", prevent.boroughs, name="staff-prevent"),
    path("staff/insights/prevent/boroughs.csv", prevent.boroughs_csv, name="staff-prevent-csv"),
    path("staff/insights/prevent/targets/", prevent.targets, name="staff-prevent-targets"),
]
