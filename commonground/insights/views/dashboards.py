"""The staff dashboards: incidents and tension, referrals, and helpline calls. Thin adapters: read
the filters, call one query, render. Filters that select nothing show an empty state."""

from django.shortcuts import render

from commonground.core.access import scope_for
from commonground.core.roles import Permission
from commonground.core.views.staff import staff_view
from commonground.insights.forms.filters import DashboardFilterForm
from commonground.insights.queries import dashboards as queries

INCIDENT_FIELDS = ["date_from", "date_to", "borough", "ward", "kind", "strand"]
REFERRAL_FIELDS = ["date_from", "date_to", "borough", "ward", "concern_type"]
HELPLINE_FIELDS = ["date_from", "date_to", "borough"]


def _dashboard(request, *, template: str, fields: list[str], query, page: str):
    scope = scope_for(request.user)
    choices = queries.filter_choices(scope)
    # Always bound: empty filters mean the defaults (the last 12 months, all the user's areas).
    form = DashboardFilterForm(request.GET, choices=choices, fields=fields)
    data = filters = None
    if form.is_valid():
        filters = form.filters()
        data = query(scope, filters=filters, choices=choices)
    return render(
        request, template, {"form": form, "data": data, "filters": filters, "page": page, "choices": choices}
    )


@staff_view(Permission.VIEW_INSIGHTS)
def incidents(request):
    return _dashboard(
        request,
        template="insights/staff/incidents.html",
        fields=INCIDENT_FIELDS,
        query=queries.incidents_dashboard,
        page="incidents",
    )


@staff_view(Permission.VIEW_INSIGHTS)
def referrals(request):
    return _dashboard(
        request,
        template="insights/staff/referrals.html",
        fields=REFERRAL_FIELDS,
        query=queries.referrals_dashboard,
        page="referrals",
    )


@staff_view(Permission.VIEW_INSIGHTS)
def helpline(request):
    return _dashboard(
        request,
        template="insights/staff/helpline.html",
        fields=HELPLINE_FIELDS,
        query=queries.helpline_dashboard,
        page="helpline",
    )
