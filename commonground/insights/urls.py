"""Insights: public statistics under /statistics/, editions under /staff/insights/editions/ and
staff dashboards under /staff/insights/."""

from django.urls import path

from commonground.insights.views import dashboards, editions, fairness, prevent, public, spikes

EDITION = "staff/insights/editions/<int:edition_id>/"
REVISION = "statistics/<str:slug>/revision-<int:revision>/"

app_name = "insights"

urlpatterns = [
    # Public statistics: open to everyone, signed in or not.
    path("statistics/", public.latest, name="public-latest"),
    path("statistics/archive/", public.archive, name="public-archive"),
    path("statistics/methodology/", public.methodology, name="public-methodology"),
    path("statistics/<str:slug>/", public.edition, name="public-edition"),
    path(REVISION, public.edition, name="public-edition-revision"),
    path(f"{REVISION}<slug:table>.csv", public.table_csv, name="public-table-csv"),
    path(f"{REVISION}<slug:table>.json", public.table_json, name="public-table-json"),
    # Statistics editions
    path("staff/insights/editions/", editions.edition_list, name="editions"),
    path("staff/insights/editions/new/", editions.new, name="edition-new"),
    path(EDITION, editions.edition, name="edition"),
    path(f"{EDITION}change/", editions.change, name="edition-change"),
    path(f"{EDITION}submit/", editions.submit, name="edition-submit"),
    path(f"{EDITION}decision/", editions.decide, name="edition-decide"),
    path(f"{EDITION}publish/", editions.publish, name="edition-publish"),
    path(f"{EDITION}correct/", editions.correct, name="edition-correct"),
    path(f"{EDITION}report.pdf", editions.report, name="edition-report"),
    # Staff dashboards, the fairness check, spike detection and Prevent across the boroughs
    path("staff/insights/", dashboards.incidents, name="staff-incidents"),
    path("staff/insights/referrals/", dashboards.referrals, name="staff-referrals"),
    path("staff/insights/helpline/", dashboards.helpline, name="staff-helpline"),
    path("staff/insights/fairness/", fairness.fairness, name="staff-fairness"),
    path("staff/insights/spikes/", spikes.spikes, name="staff-spikes"),
    path("staff/insights/prevent/", prevent.boroughs, name="staff-prevent"),
    path("staff/insights/prevent/boroughs.csv", prevent.boroughs_csv, name="staff-prevent-csv"),
    path("staff/insights/prevent/targets/", prevent.targets, name="staff-prevent-targets"),
]
