"""Grant rounds for the grants team: the rounds, a round's page (money at a glance, criteria,
questions, applications by status), creating and editing a round, adding criteria and questions."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from commonground.core.access import scope_for
from commonground.core.form_helpers import add_action_errors
from commonground.core.roles import Permission
from commonground.core.views.staff import staff_view
from commonground.grants.actions import rounds as actions
from commonground.grants.forms.staff_rounds import CriterionForm, QuestionForm, RoundForm
from commonground.grants.queries import staff_rounds as queries
from commonground.grants.views.staff_access import RUNS_OR_DECIDES, grants_view


@grants_view(*RUNS_OR_DECIDES)
def round_list(request):
    scope = scope_for(request.user)
    return render(
        request,
        "grants/staff/rounds.html",
        {"rounds": queries.rounds(scope), "may_manage": scope.can(Permission.MANAGE_GRANTS)},
    )


@grants_view(*RUNS_OR_DECIDES)
def round_page(request, round_id: int):
    scope = scope_for(request.user)
    page = queries.open_round(scope, round_id)
    return render(
        request,
        "grants/staff/round.html",
        {"page": page, "grant_round": page.grant_round, "may_manage": scope.can(Permission.MANAGE_GRANTS)},
    )


@staff_view(Permission.MANAGE_GRANTS)
def new_round(request):
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            created = actions.create_round(actor=request.user, details=form.details())
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, f"Round “{created.name}” created: now add its criteria")
            return redirect("grants:staff-round", created.pk)
    return render(request, "grants/staff/round_form.html", {"form": form, "grant_round": None})


@staff_view(Permission.MANAGE_GRANTS)
def edit_round(request, round_id: int):
    scope = scope_for(request.user)
    found = queries.round_or_404(scope, round_id)
    if request.method == "POST":
        form = RoundForm(request.POST)
        if form.is_valid():
            try:
                actions.edit_round(actor=request.user, grant_round=found, details=form.details())
            except ValidationError as error:
                add_action_errors(form, error)
            else:
                messages.success(request, "Round updated")
                return redirect("grants:staff-round", found.pk)
    else:
        form = RoundForm(initial=RoundForm.initial_for(found))
    return render(request, "grants/staff/round_form.html", {"form": form, "grant_round": found})


@staff_view(Permission.MANAGE_GRANTS)
def new_criterion(request, round_id: int):
    scope = scope_for(request.user)
    found = queries.round_or_404(scope, round_id)
    form = CriterionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_criterion(actor=request.user, grant_round=found, **form.cleaned_data)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, "Criterion added")
            return redirect("grants:staff-round", found.pk)
    return render(
        request,
        "grants/staff/round_part_form.html",
        {"form": form, "grant_round": found, "title": "Add a criterion", "button": "Add the criterion"},
    )


@staff_view(Permission.MANAGE_GRANTS)
def new_question(request, round_id: int):
    scope = scope_for(request.user)
    found = queries.round_or_404(scope, round_id)
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_question(actor=request.user, grant_round=found, **form.cleaned_data)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, "Question added")
            return redirect("grants:staff-round", found.pk)
    return render(
        request,
        "grants/staff/round_part_form.html",
        {"form": form, "grant_round": found, "title": "Add a question", "button": "Add the question"},
    )
