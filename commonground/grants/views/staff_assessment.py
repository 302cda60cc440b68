"""Assessing: the assessor's own applications, their declaration of interest, their scores; and
the moderation note of the officer or panel when two assessors' totals disagree."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from commonground.core.access import scope_for
from commonground.core.form_helpers import add_action_errors
from commonground.core.roles import Permission
from commonground.core.views.staff import staff_view
from commonground.grants.actions import assessment as actions
from commonground.grants.forms.staff_applications import DeclarationForm, ModerationForm, ScoresForm
from commonground.grants.queries import staff_applications as queries
from commonground.grants.views.staff_access import RUNS_OR_DECIDES, grants_view


@staff_view(Permission.ASSESS_GRANT_APPLICATIONS)
def my_assessments(request):
    scope = scope_for(request.user)
    return render(
        request,
        "grants/staff/my_assessments.html",
        {
            "assignments": queries.my_assignments(scope),
            "to_declare": queries.TO_DECLARE,
            "to_score": queries.TO_SCORE,
        },
    )


@staff_view(Permission.ASSESS_GRANT_APPLICATIONS)
def declare(request, application_id: int):
    scope = scope_for(request.user)
    found = queries.application_or_404(scope, application_id)
    declaration, _assessment = queries.my_scoring(scope, found)
    form = DeclarationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            made = actions.declare_interest(
                actor=request.user,
                application=found,
                has_conflict=form.cleaned_data["has_conflict"],
                details=form.cleaned_data["details"],
            )
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            if made.has_conflict:
                messages.success(
                    request, "Conflict of interest recorded: the grants officer will ask another assessor"
                )
                return redirect("grants:staff-my-assessments")
            messages.success(request, "Declaration recorded: you may now score the application")
            return redirect("grants:staff-score", found.pk)
    return render(
        request, "grants/staff/declare.html", {"form": form, "application": found, "declaration": declaration}
    )


@staff_view(Permission.ASSESS_GRANT_APPLICATIONS)
def score(request, application_id: int):
    scope = scope_for(request.user)
    found = queries.application_or_404(scope, application_id)
    declaration, assessment = queries.my_scoring(scope, found)
    if declaration is None and request.method == "GET":
        return redirect("grants:staff-declare", found.pk)
    form = ScoresForm(request.POST or None, criteria=queries.criteria_of(found))
    if request.method == "POST" and form.is_valid():
        try:
            actions.submit_scores(
                actor=request.user,
                application=found,
                scores=form.scores(),
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, "Scores sent: thank you")
            return redirect("grants:staff-my-assessments")
    return render(
        request,
        "grants/staff/score.html",
        {"form": form, "application": found, "declaration": declaration, "assessment": assessment},
    )


@grants_view(*RUNS_OR_DECIDES)
def moderate(request, application_id: int):
    scope = scope_for(request.user)
    found = queries.application_or_404(scope, application_id)
    form = ModerationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.record_moderation(actor=request.user, application=found, note=form.cleaned_data["note"])
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, "Moderation note recorded: the application can go to the panel")
            return redirect("grants:staff-application", found.pk)
    return render(request, "grants/staff/moderate.html", {"form": form, "application": found})
