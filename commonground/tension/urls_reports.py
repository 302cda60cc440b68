"""Tension reports and trigger events, under /staff/tension/."""

from django.urls import path

from commonground.tension.views import events, reports

urlpatterns = [
    path("reports/", reports.report_list, name="reports"),
    path("reports/new/", reports.submit_report, name="submit-report"),
    path("reports/about-a-person/", reports.about_a_person, name="report-about-a-person"),
    path("reports/sent/", reports.report_sent, name="report-sent"),
    path("reports/<int:report_id>/", reports.report, name="report"),
    path("trigger-events/", events.event_list, name="trigger-events"),
    path("trigger-events/new/", events.record_event, name="record-trigger-event"),
    path("trigger-events/<int:event_id>/", events.event, name="trigger-event"),
]
