"""Reading self-assessments: a borough's history, all boroughs side by side for one period, and what
moves a borough up (with the product's own evidence). Thin adapters: read the choice, call a query."""

from django.shortcuts import render

from commonground.core.access import scope_for
from commonground.core.roles import Permission
from commonground.core.views.staff import staff_view
from commonground.programme.forms.assessment_views import PeriodForm
from commonground.programme.queries import assessment_evidence, assessment_moving_up
from commonground.programme.queries import assessment_views as queries


@staff_view(Permission.VIEW_PROGRAMME)
def side_by_side(request):
    scope = scope_for(request.user)
    known = queries.periods(scope)
    form = PeriodForm(request.GET or None, periods=[(p.value, p.label) for p in known])
    data = queries.side_by_side(scope, period_start=form.chosen_start(), known=known)
    return render(request, "programme/assessment_views/side_by_side.html", {"form": form, "data": data})


@staff_view(Permission.VIEW_PROGRAMME)
def history(request, code: str):
    scope = scope_for(request.user)
    data = queries.history(scope, queries.borough_for(scope, code))
    return render(request, "programme/assessment_views/history.html", {"data": data})


@staff_view(Permission.VIEW_PROGRAMME)
def moving_up(request, code: str):
    scope = scope_for(request.user)
    borough = queries.borough_for(scope, code)
    assessments = assessment_moving_up.assessments_of(scope, borough)
    periods = [queries.Period(a.period_start, a.period_end) for a in assessments]
    form = PeriodForm(request.GET or None, periods=[(p.value, p.label) for p in periods])
    data = assessment_moving_up.moving_up(
        scope, borough, period_start=form.chosen_start(), assessments=assessments
    )
    evidence = (
        assessment_evidence.product_evidence(
            scope, borough, data.assessment.period_start, data.assessment.period_end
        )
        if data.assessment
        else None
    )
    return render(
        request,
        "programme/assessment_views/moving_up.html",
        {"form": form, "data": data, "evidence": evidence},
    )
