"""Response actions: the list (overdue highlighted), creating one, an action's page with its
status and completion, and the report of actions per agency."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from commonground.core.access import scope_for
from commonground.core.form_helpers import add_action_errors
from commonground.core.roles import Permission
from commonground.core.views.staff import staff_view
from commonground.tension.actions import responses as actions
from commonground.tension.forms.responses import CompleteForm, PeriodForm, ResponseActionForm, StatusForm
from commonground.tension.queries import responses as queries

SHOW_CHOICES = [
    (queries.ActionFilter.OPEN, "Open"),
    (queries.ActionFilter.OVERDUE, "Overdue"),
    (queries.ActionFilter.CLOSED, "Done or cancelled"),
    (queries.ActionFilter.ALL, "All"),
]


@staff_view(Permission.VIEW_TENSION)
def action_list(request):
    scope = scope_for(request.user)
    show = request.GET.get("show", queries.ActionFilter.OPEN)
    if show not in dict(SHOW_CHOICES):
        show = queries.ActionFilter.OPEN
    page = Paginator(queries.actions_visible_to(scope, show=show), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "tension/actions/list.html",
        {
            "page": page,
            "show": show,
            "show_choices": SHOW_CHOICES,
            "can_create": scope.can(Permission.MANAGE_RESPONSE_ACTIONS),
        },
    )


@staff_view(Permission.MANAGE_RESPONSE_ACTIONS)
def new_action(request):
    scope = scope_for(request.user)
    initial = {
        "area": request.GET.get("area", ""),
        "tension_report": request.GET.get("report", ""),
        "assessment": request.GET.get("assessment", ""),
    }
    form = ResponseActionForm(scope, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            created = actions.create_response_action(actor=request.user, **form.action())
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, f"Response action created for {created.owner_agency.name}")
            return redirect("tension:action", created.pk)
    return render(request, "tension/actions/new.html", {"form": form})


def _action_page(request, action_id: int, *, status_form=None, complete_form=None, status=200):
    scope = scope_for(request.user)
    found = queries.action_for(scope, action_id)
    may_update = queries.may_update(scope, found)
    return render(
        request,
        "tension/actions/action.html",
        {
            "action": found,
            "is_overdue": found.status in queries.OPEN_STATUSES and found.due_at < timezone.now(),
            "may_update": may_update,
            "status_form": status_form or StatusForm(initial={"status": found.status}),
            "complete_form": complete_form or CompleteForm(),
            "form": status_form if status_form is not None and status_form.errors else complete_form,
        },
        status=status,
    )


@staff_view(Permission.VIEW_TENSION)
def action(request, action_id: int):
    return _action_page(request, action_id)


@staff_view(Permission.UPDATE_RESPONSE_ACTIONS)
@require_POST
def update_status(request, action_id: int):
    found = queries.action_for(scope_for(request.user), action_id)
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            actions.update_response_action_status(
                actor=request.user, action=found, status=form.cleaned_data["status"]
            )
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, "Status updated")
            return redirect("tension:action", found.pk)
    return _action_page(request, action_id, status_form=form)


@staff_view(Permission.UPDATE_RESPONSE_ACTIONS)
def complete(request, action_id: int):
    """Complete an action with evidence; a GET shows the action's page with the form."""
    found = queries.action_for(scope_for(request.user), action_id)
    if request.method != "POST":
        return redirect("tension:action", found.pk)
    form = CompleteForm(request.POST)
    if form.is_valid():
        try:
            actions.complete_response_action(
                actor=request.user, action=found, evidence=form.cleaned_data["evidence"]
            )
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, "Action marked as done")
            return redirect("tension:action", found.pk)
    return _action_page(request, action_id, complete_form=form)


@staff_view(Permission.VIEW_TENSION)
def agency_report(request):
    """Actions due in a period per agency: done on time, done late, open and overdue."""
    scope = scope_for(request.user)
    today = timezone.localdate()
    # The last four weeks and the week ahead.
    default = {"since": today - timedelta(days=28), "until": today + timedelta(days=7)}
    form = PeriodForm(request.GET or None, initial=default)
    period = form.cleaned_data if form.is_bound and form.is_valid() else default
    return render(
        request,
        "tension/actions/report.html",
        {
            "form": form,
            "since": period["since"],
            "until": period["until"],
            "rows": queries.performance_by_agency(scope, since=period["since"], until=period["until"])
            if not form.errors
            else [],
        },
    )
