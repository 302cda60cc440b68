"""Checking grant applications: the list by round and status, an application's page (everything
the group sent, the thread, assessors and scores, the decision and payments), recording a duplicate
check, asking the group a question, and assigning assessors."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from commonground.core.access import scope_for
from commonground.core.form_helpers import add_action_errors
from commonground.core.roles import Permission
from commonground.core.views.staff import staff_view
from commonground.grants.actions import assessment as assessment_actions
from commonground.grants.actions import messages_staff
from commonground.grants.forms.staff_applications import (
    AssignForm,
    DuplicateCheckForm,
    FilterForm,
    MessageForm,
)
from commonground.grants.queries import staff_applications as queries
from commonground.grants.queries import staff_rounds
from commonground.grants.views.staff_access import ANY_GRANTS_ROLE, RUNS_OR_DECIDES, grants_view


@grants_view(*RUNS_OR_DECIDES)
def application_list(request):
    scope = scope_for(request.user)
    form = FilterForm(request.GET or None, rounds=list(staff_rounds.rounds(scope)))
    round_id, status = form.chosen()
    page = queries.applications_page(
        scope, round_id=round_id, status=status, page_number=request.GET.get("page")
    )
    return render(request, "grants/staff/applications.html", {"form": form, "page": page})


@grants_view(*ANY_GRANTS_ROLE)
def application(request, application_id: int):
    scope = scope_for(request.user)
    page = queries.open_application(scope, application_id)
    return render(
        request,
        "grants/staff/application.html",
        {
            "page": page,
            "application": page.application,
            "may_manage": scope.can(Permission.MANAGE_GRANTS),
            "may_decide": scope.can(Permission.DECIDE_GRANTS),
            "may_see_scores": scope.can(Permission.MANAGE_GRANTS) or scope.can(Permission.DECIDE_GRANTS),
            "is_assessor": any(row.assignment.assessor_id == request.user.pk for row in page.assessors),
        },
    )


@staff_view(Permission.MANAGE_GRANTS)
def duplicate_check(request, application_id: int):
    scope = scope_for(request.user)
    found = queries.application_or_404(scope, application_id)
    form = DuplicateCheckForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            assessment_actions.record_duplicate_check(
                actor=request.user,
                application=found,
                is_duplicate=form.cleaned_data["finding"] == "duplicate",
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, "Duplicate check recorded")
            return redirect("grants:staff-application", found.pk)
    return render(request, "grants/staff/duplicate_check.html", {"form": form, "application": found})


@staff_view(Permission.MANAGE_GRANTS)
def ask_the_group(request, application_id: int):
    scope = scope_for(request.user)
    found = queries.application_or_404(scope, application_id)
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            messages_staff.ask_the_group(
                actor=request.user, application=found, body=form.cleaned_data["body"]
            )
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, "Message sent: the group has been emailed that it is waiting")
            return redirect("grants:staff-application", found.pk)
    return render(request, "grants/staff/message.html", {"form": form, "application": found})


@staff_view(Permission.MANAGE_GRANTS)
def assign_assessors(request, application_id: int):
    scope = scope_for(request.user)
    found = queries.application_or_404(scope, application_id)
    form = AssignForm(request.POST or None, choices=queries.assessors_to_choose(scope, found))
    if request.method == "POST" and form.is_valid():
        try:
            assessment_actions.assign_assessors(
                actor=request.user, application=found, assessors=list(form.cleaned_data["assessors"])
            )
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, "Assessors assigned: each has been told")
            return redirect("grants:staff-application", found.pk)
    return render(request, "grants/staff/assign.html", {"form": form, "application": found})
