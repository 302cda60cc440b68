"""Staff insights under /staff/insights/: dashboards, the fairness check and spike detection."""

from django.urls import path

from commonground.insights.views import dashboards, fairness, spikes

urlpatterns: list = [
    path("staff/insights/", dashboards.incidents, name="staff-incidents"),
    path("staff/insights/referrals/", dashboards.referrals, name="staff-referrals"),
    path("staff/insights/helpline/", dashboards.helpline, name="staff-helpline"),
    path("staff/insights/fairness/", fairness.fairness, name="staff-fairness"),
    path("staff/insights/spikes/", spikes.spikes, name="staff-spikes"),
]
