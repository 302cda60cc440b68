"""Insights: public statistics under /statistics/, editions under /staff/insights/editions/ and
staff dashboards under /staff/insights/."""

from django.urls import include, path

app_name = "insights"

urlpatterns = [
    path("", include("commonground.insights.urls_public")),
    path("", include("commonground.insights.urls_editions")),
    path("", include("commonground.insights.urls_staff")),
]
