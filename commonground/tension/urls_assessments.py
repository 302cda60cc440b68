"""Assessments, alerts and response actions, under /staff/tension/."""

from django.urls import path

from commonground.tension.views import alerts, assessments, responses

urlpatterns = [
    path("assessments/", assessments.assessment_list, name="assessments"),
    path("assessments/new/", assessments.new_assessment, name="new-assessment"),
    path("assessments/<int:assessment_id>/", assessments.assessment, name="assessment"),
    path("assessments/<int:assessment_id>/amend/", assessments.amend, name="amend-assessment"),
    path("alerts/", alerts.alert_list, name="alerts"),
    path("alerts/<int:delivery_id>/read/", alerts.mark_read, name="mark-alert-read"),
    path("alerts/subscriptions/", alerts.subscriptions, name="alert-subscriptions"),
    path(
        "alerts/subscriptions/<int:subscription_id>/cancel/",
        alerts.cancel_subscription,
        name="cancel-alert-subscription",
    ),
    path("actions/", responses.action_list, name="actions"),
    path("actions/new/", responses.new_action, name="new-action"),
    path("actions/report/", responses.agency_report, name="actions-report"),
    path("actions/<int:action_id>/", responses.action, name="action"),
    path("actions/<int:action_id>/status/", responses.update_status, name="update-action-status"),
    path("actions/<int:action_id>/complete/", responses.complete, name="complete-action"),
]
