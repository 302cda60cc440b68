"""Community tension monitoring, under /staff/tension/: reports and trigger events; assessments,
alerts and response actions; the dashboard, map and weekly report."""

from django.urls import include, path

app_name = "tension"

urlpatterns = [
    path("staff/tension/", include("commonground.tension.urls_dashboard")),
    path("staff/tension/", include("commonground.tension.urls_reports")),
    path("staff/tension/", include("commonground.tension.urls_assessments")),
]
