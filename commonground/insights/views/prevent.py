"""Prevent across the boroughs: the side-by-side page, its disclosure-controlled CSV, and the
programme team's targets. Thin adapters: parse, call one query or action, render."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render

from commonground.core.access import scope_for
from commonground.core.form_helpers import add_action_errors
from commonground.core.roles import Permission
from commonground.core.views.staff import staff_view
from commonground.insights import prevent_figures
from commonground.insights.actions import targets as actions
from commonground.insights.forms.prevent import PreventTargetForm, QuarterForm
from commonground.insights.queries import prevent as queries


def _quarter_form(request) -> QuarterForm:
    return QuarterForm(
        request.GET, quarters=queries.quarter_choices(), default=queries.last_complete_quarter()
    )


@staff_view(Permission.VIEW_INSIGHTS)
def boroughs(request):
    scope = scope_for(request.user)
    form = _quarter_form(request)
    data = queries.prevent_comparison(scope, quarter=form.chosen_quarter()) if form.is_valid() else None
    return render(
        request,
        "insights/staff/prevent_boroughs.html",
        {
            "form": form,
            "data": data,
            "page": "prevent",
            "screening_days": prevent_figures.SCREENING_TARGET_DAYS,
            "may_set_targets": scope.can(Permission.SET_PREVENT_TARGETS),
        },
    )


@staff_view(Permission.VIEW_INSIGHTS)
def boroughs_csv(request):
    form = _quarter_form(request)
    if not form.is_valid():
        return HttpResponse("Choose one of the quarters listed.", status=400, content_type="text/plain")
    data = queries.prevent_comparison(scope_for(request.user), quarter=form.chosen_quarter())
    response = HttpResponse(prevent_figures.comparison_csv(data), content_type="text/csv; charset=utf-8")
    filename = f"prevent-across-the-boroughs-{data.quarter.slug}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@staff_view(Permission.SET_PREVENT_TARGETS)
def targets(request):
    form = PreventTargetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            target = actions.set_prevent_target(
                actor=request.user,
                measure=form.cleaned_data["measure"],
                green=form.cleaned_data["green"],
                amber=form.cleaned_data["amber"],
                direction=form.cleaned_data["direction"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, f"Target set for {target.get_measure_display().lower()}")
            return redirect("insights:staff-prevent-targets")
    return render(
        request,
        "insights/staff/prevent_targets.html",
        {"form": form, "current": queries.current_targets(), "history": queries.target_history()},
    )
