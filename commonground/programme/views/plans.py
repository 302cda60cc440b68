"""Action plans: the list, a plan's page, creating a plan, adding objectives and actions, an
action's page (for its owner too), editing an action and moving its status or the plan's."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from commonground.core.access import scope_for
from commonground.core.form_helpers import add_action_errors, form_after_conflict
from commonground.core.roles import Permission
from commonground.core.views.staff import staff_view
from commonground.programme.actions import plans as actions
from commonground.programme.forms.plans import ActionForm, EditPlanForm, ObjectiveForm, PlanForm
from commonground.programme.queries import plans as queries

KEEP_TYPING = "What you typed is kept below: check their changes, then save again to replace them with yours."


@staff_view(Permission.VIEW_PROGRAMME)
def plan_list(request):
    scope = scope_for(request.user)
    page = Paginator(queries.plans(scope), 30).get_page(request.GET.get("page"))
    return render(request, "programme/plans/list.html", {"page": page, "may_write": actions.may_write(scope)})


@staff_view(Permission.COMPLETE_SELF_ASSESSMENTS)
def new_plan(request):
    scope = scope_for(request.user)
    form = PlanForm(request.POST or None, scope=scope)
    existing = None
    if request.method == "POST" and form.is_valid():
        try:
            plan = actions.create_plan(actor=request.user, **form.cleaned_data)
        except actions.PlanExists as error:
            existing = error.existing
            form.add_error(None, error)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, "Action plan created: now add its objectives")
            return redirect("programme:plan", plan.pk)
    return render(request, "programme/plans/plan_form.html", {"form": form, "existing": existing})


@staff_view(Permission.VIEW_PROGRAMME)
def plan(request, plan_id: int):
    page = queries.open_plan(scope_for(request.user), plan_id)
    return render(request, "programme/plans/plan.html", {"page": page, "plan": page.plan})


@staff_view(Permission.COMPLETE_SELF_ASSESSMENTS)
def edit_plan(request, plan_id: int):
    """Change a plan's title or period; a stale save is refused with what changed, typing kept."""
    found = queries.writable_plan_or_404(scope_for(request.user), plan_id)
    conflict = None
    if request.method == "POST":
        form = EditPlanForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                actions.edit_plan(
                    actor=request.user,
                    plan=found,
                    expected_version=data["version"] or 0,
                    title=data["title"],
                    period_start=data["period_start"],
                    period_end=data["period_end"],
                )
            except actions.PlanConflict as error:
                conflict = error
                form = form_after_conflict(EditPlanForm, request.POST, error, then=KEEP_TYPING)
            except ValidationError as error:
                add_action_errors(form, error)
            else:
                messages.success(request, "Action plan updated")
                return redirect("programme:plan", found.pk)
    else:
        form = EditPlanForm(initial=EditPlanForm.initial_for(found))
    return render(
        request,
        "programme/plans/form.html",
        {
            "form": form,
            "title": "Edit the plan",
            "caption": found.area.name,
            "back": reverse("programme:plan", args=[found.pk]),
            "conflict": conflict,
        },
    )


@staff_view(Permission.COMPLETE_SELF_ASSESSMENTS)
@require_POST
def move_plan(request, plan_id: int):
    found = queries.writable_plan_or_404(scope_for(request.user), plan_id)
    try:
        moved = actions.move_plan(actor=request.user, plan=found, step=request.POST.get("step", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"The plan is now: {moved.get_status_display()}")
    return redirect("programme:plan", found.pk)


@staff_view(Permission.COMPLETE_SELF_ASSESSMENTS)
def new_objective(request, plan_id: int):
    found = queries.writable_plan_or_404(scope_for(request.user), plan_id)
    form = ObjectiveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_objective(actor=request.user, plan=found, **form.cleaned_data)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, "Objective added")
            return redirect("programme:plan", found.pk)
    return render(
        request,
        "programme/plans/form.html",
        {
            "form": form,
            "title": "Add an objective",
            "back": reverse("programme:plan", args=[found.pk]),
            "caption": found.title,
        },
    )


@staff_view(Permission.COMPLETE_SELF_ASSESSMENTS)
def new_action(request, objective_id: int):
    scope = scope_for(request.user)
    objective = queries.objective_or_404(scope, objective_id)
    form = ActionForm(request.POST or None, scope=scope)
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_action(actor=request.user, objective=objective, details=form.details())
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, "Action added")
            return redirect("programme:plan", objective.plan_id)
    return render(
        request,
        "programme/plans/form.html",
        {
            "form": form,
            "title": "Add an action",
            "caption": objective.title,
            "back": reverse("programme:plan", args=[objective.plan_id]),
        },
    )


@staff_view(Permission.USE_STAFF_AREA)
def action(request, action_id: int):
    """One action: for those following the programme in its area, and for its owner."""
    page = queries.open_action(scope_for(request.user), action_id)
    return render(
        request,
        "programme/plans/action.html",
        {
            "page": page,
            "action": page.action,
            "may_open_plan": queries.may_open_plan(scope_for(request.user), page.action.objective.plan),
        },
    )


@staff_view(Permission.COMPLETE_SELF_ASSESSMENTS)
def edit_action(request, action_id: int):
    """Edit an action. If someone else saved it since this form was opened, refuse, say what they
    changed, and keep what this person typed."""
    scope = scope_for(request.user)
    found = queries.writable_action_or_404(scope, action_id)
    conflict = None
    if request.method == "POST":
        form = ActionForm(request.POST, scope=scope)
        if form.is_valid():
            try:
                actions.edit_action(
                    actor=request.user,
                    action=found,
                    expected_version=form.cleaned_data["version"] or 0,
                    details=form.details(),
                )
            except actions.ActionConflict as error:
                conflict = error
                form = form_after_conflict(ActionForm, request.POST, error, then=KEEP_TYPING, scope=scope)
            except ValidationError as error:
                add_action_errors(form, error)
            else:
                messages.success(request, "Action updated")
                return redirect("programme:plan-action", found.pk)
    else:
        form = ActionForm(initial=ActionForm.initial_for(found), scope=scope)
    return render(
        request,
        "programme/plans/form.html",
        {
            "form": form,
            "title": "Edit the action",
            "caption": found.objective.title,
            "back": reverse("programme:plan-action", args=[found.pk]),
            "conflict": conflict,
        },
    )


@staff_view(Permission.USE_STAFF_AREA)
@require_POST
def move_action(request, action_id: int):
    """Move an action's status: by its owner, or the plan's lead."""
    found = queries.action_or_404(scope_for(request.user), action_id)
    version = request.POST.get("version", "")
    try:
        moved = actions.move_action(
            actor=request.user,
            action=found,
            step=request.POST.get("step", ""),
            expected_version=int(version) if version.isdigit() else None,
        )
    except actions.ActionConflict as error:
        messages.error(request, f"{error}. Check its status below, then choose again.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"The action is now: {moved.get_status_display()}")
    return redirect("programme:plan-action", found.pk)
