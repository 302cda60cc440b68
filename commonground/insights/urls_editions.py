"""Staff pages of statistics editions under /staff/insights/editions/."""

from django.urls import path

from commonground.insights.views import editions

urlpatterns: list = [
    path("staff/insights/editions/", editions.edition_list, name="editions"),
    path("staff/insights/editions/new/", editions.new, name="edition-new"),
    path("staff/insights/editions/<int:edition_id>/", editions.edition, name="edition"),
    path("staff/insights/editions/<int:edition_id>/change/", editions.change, name="edition-change"),
    path("staff/insights/editions/<int:edition_id>/submit/", editions.submit, name="edition-submit"),
    path("staff/insights/editions/<int:edition_id>/decision/", editions.decide, name="edition-decide"),
    path("staff/insights/editions/<int:edition_id>/publish/", editions.publish, name="edition-publish"),
    path("staff/insights/editions/<int:edition_id>/correct/", editions.correct, name="edition-correct"),
    path("staff/insights/editions/<int:edition_id>/report.pdf", editions.report, name="edition-report"),
]
