"""The fairness check of referrals: rates by ethnic group or religion against the Census, adoption
rates and the over-referral flag. A thin adapter: read the filters, call one query, render."""

from django.shortcuts import render

from commonground.core.access import scope_for
from commonground.core.roles import Permission
from commonground.core.views.staff import staff_view
from commonground.insights.forms.filters import FairnessFilterForm
from commonground.insights.queries import dashboards
from commonground.insights.queries import fairness as queries


@staff_view(Permission.VIEW_INSIGHTS)
def fairness(request):
    scope = scope_for(request.user)
    choices = dashboards.filter_choices(scope)
    form = FairnessFilterForm(request.GET, choices=choices, groupings=queries.GROUPINGS)
    data = filters = None
    if form.is_valid():
        filters = form.filters()
        data = queries.fairness_page(scope, filters=filters, choices=choices, key=form.grouping())
    return render(
        request,
        "insights/staff/fairness.html",
        {"form": form, "data": data, "filters": filters, "page": "fairness"},
    )
