"""Community tension monitoring, under /staff/tension/: the dashboard and weekly report; reports
and trigger events; assessments, alerts and response actions."""

from django.urls import path

from commonground.tension.views import (
    alerts,
    assessments,
    dashboard,
    events,
    reports,
    responses,
    weekly,
)

T = "staff/tension/"

app_name = "tension"

urlpatterns = [
    # The dashboard (map, trends, recent reports, overdue actions) and the weekly report
    path(T, dashboard.dashboard, name="dashboard"),
    path(f"{T}weekly-report/", weekly.weekly_report, name="weekly-report"),
    path(f"{T}weekly-report/pdf/", weekly.weekly_report_pdf, name="weekly-report-pdf"),
    path(f"{T}weekly-report/send/", weekly.send_weekly_report, name="send-weekly-report"),
    # Reports and trigger events
    path(f"{T}reports/", reports.report_list, name="reports"),
    path(f"{T}reports/new/", reports.submit_report, name="submit-report"),
    path(f"{T}reports/about-a-person/", reports.about_a_person, name="report-about-a-person"),
    path(f"{T}reports/sent/", reports.report_sent, name="report-sent"),
    path(f"{T}reports/<int:report_id>/", reports.report, name="report"),
    path(f"{T}trigger-events/", events.event_list, name="trigger-events"),
    path(f"{T}trigger-events/new/", events.record_event, name="record-trigger-event"),
    path(f"{T}trigger-events/<int:event_id>/", events.event, name="trigger-event"),
    # Assessments, alerts and response actions
    path(f"{T}assessments/", assessments.assessment_list, name="assessments"),
    path(f"{T}assessments/new/", assessments.new_assessment, name="new-assessment"),
    path(f"{T}assessments/<int:assessment_id>/", assessments.assessment, name="assessment"),
    path(f"{T}assessments/<int:assessment_id>/amend/", assessments.amend, name="amend-assessment"),
    path(f"{T}alerts/", alerts.alert_list, name="alerts"),
    path(f"{T}alerts/<int:delivery_id>/read/", alerts.mark_read, name="mark-alert-read"),
    path(f"{T}alerts/subscriptions/", alerts.subscriptions, name="alert-subscriptions"),
    path(
        f"{T}alerts/subscriptions/<int:subscription_id>/cancel/",
        alerts.cancel_subscription,
        name="cancel-alert-subscription",
    ),
    path(f"{T}actions/", responses.action_list, name="actions"),
    path(f"{T}actions/new/", responses.new_action, name="new-action"),
    path(f"{T}actions/report/", responses.agency_report, name="actions-report"),
    path(f"{T}actions/<int:action_id>/", responses.action, name="action"),
    path(f"{T}actions/<int:action_id>/status/", responses.update_status, name="update-action-status"),
    path(f"{T}actions/<int:action_id>/complete/", responses.complete, name="complete-action"),
]
