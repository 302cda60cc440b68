"""The tension dashboard (map, trends, recent reports, overdue actions) and the weekly report."""

from django.urls import path

from commonground.tension.views import dashboard, weekly

urlpatterns: list = [
    path("", dashboard.dashboard, name="dashboard"),
    path("weekly-report/", weekly.weekly_report, name="weekly-report"),
    path("weekly-report/pdf/", weekly.weekly_report_pdf, name="weekly-report-pdf"),
    path("weekly-report/send/", weekly.send_weekly_report, name="send-weekly-report"),
]
