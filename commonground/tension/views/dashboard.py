"""The tension dashboard: maps of current levels with their tables, one area's trend, the newest
reports and the overdue response actions. A thin adapter: read the choices, call one query."""

from typing import cast

from django import forms
from django.shortcuts import render

from commonground.core.access import scope_for
from commonground.core.roles import Permission
from commonground.core.views.staff import staff_view
from commonground.tension.queries import dashboard as queries

CHOOSE_BOROUGH = "Choose a borough from the list"
CHOOSE_AREA = "Choose one of your areas from the list"


class DashboardForm(forms.Form):
    """What the dashboard shows: the wards of one borough (or all), and the area of the trend."""

    borough = forms.ChoiceField(
        label="Show the wards of", required=False, error_messages={"invalid_choice": CHOOSE_BOROUGH}
    )
    area = forms.ChoiceField(
        label="Show the trend for", required=False, error_messages={"invalid_choice": CHOOSE_AREA}
    )

    def __init__(self, *args, choices: queries.DashboardChoices, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["borough"]).choices = [
            ("", "All of Greater Manchester"),
            *((area.code, area.name) for area in choices.boroughs),
        ]
        cast(forms.ChoiceField, self.fields["area"]).choices = [
            ("", "Your first borough"),
            *choices.trend_groups,
        ]


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
