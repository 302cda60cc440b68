"""The tension dashboard: maps of current levels with their tables, one area's trend, the newest
reports and the overdue response actions. A thin adapter: read the choices, call one query."""

from django.shortcuts import render

from commonground.core.access import scope_for
from commonground.core.roles import Permission
from commonground.core.views.staff import staff_view
from commonground.tension.forms.dashboard import DashboardForm
from commonground.tension.queries import dashboard as queries


@staff_view(Permission.VIEW_TENSION)
def dashboard(request):
    scope = scope_for(request.user)
    choices = queries.dashboard_choices(scope, borough_code=request.GET.get("borough", ""))
    form = DashboardForm(request.GET or None, choices=choices)
    borough_code = area_code = ""
    if form.is_valid():
        borough_code, area_code = form.cleaned_data["borough"], form.cleaned_data["area"]
    data = queries.dashboard(scope, choices=choices, borough_code=borough_code, area_code=area_code)
    return render(
        request,
        "tension/dashboard/dashboard.html",
        {"form": form, "data": data, "can_assess": scope.can(Permission.ASSESS_TENSION)},
    )
