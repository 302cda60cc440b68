"""Projects: adding one under an objective, its page, and recording its milestones, budget and
spend by quarter, status updates, risks and evaluations; a milestone's page for its owner; an
evaluation's report, downloaded only after the same scope check as the page, each time audited."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from commonground.core.access import scope_for
from commonground.core.form_helpers import add_action_errors
from commonground.core.roles import Permission
from commonground.core.views.staff import staff_view
from commonground.programme.actions import projects as actions
from commonground.programme.forms.projects import (
    EvaluationForm,
    MilestoneForm,
    ProjectForm,
    QuarterForm,
    RiskForm,
    StatusForm,
)
from commonground.programme.queries import plans as plan_queries
from commonground.programme.queries import projects as queries

WRITE = Permission.COMPLETE_SELF_ASSESSMENTS


def _form_page(request, form, *, title: str, project, multipart: bool = False):
    return render(
        request,
        "programme/plans/form.html",
        {
            "form": form,
            "title": title,
            "caption": project.title,
            "back": reverse("programme:project", args=[project.pk]),
            "multipart": multipart,
        },
    )


@staff_view(WRITE)
def new_project(request, objective_id: int):
    scope = scope_for(request.user)
    objective = plan_queries.objective_or_404(scope, objective_id)
    form = ProjectForm(request.POST or None, scope=scope)
    if request.method == "POST" and form.is_valid():
        try:
            project = actions.add_project(actor=request.user, objective=objective, details=form.details())
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, "Project added")
            return redirect("programme:project", project.pk)
    return render(
        request,
        "programme/plans/form.html",
        {
            "form": form,
            "title": "Add a project",
            "caption": objective.title,
            "back": reverse("programme:plan", args=[objective.plan_id]),
        },
    )


@staff_view(Permission.VIEW_PROGRAMME)
def project(request, project_id: int):
    scope = scope_for(request.user)
    page = queries.open_project(scope, project_id)
    return render(
        request,
        "programme/plans/project.html",
        {"page": page, "project": page.project},
    )


@staff_view(WRITE)
def new_milestone(request, project_id: int):
    scope = scope_for(request.user)
    found = queries.writable_project_or_404(scope, project_id)
    form = MilestoneForm(request.POST or None, scope=scope)
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_milestone(actor=request.user, project=found, **form.cleaned_data)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, "Milestone added")
            return redirect("programme:project", found.pk)
    return _form_page(request, form, title="Add a milestone", project=found)


@staff_view(Permission.USE_STAFF_AREA)
def milestone(request, milestone_id: int):
    """One milestone: for those following the programme in its area, and for its owner."""
    page = queries.open_milestone(scope_for(request.user), milestone_id)
    return render(request, "programme/plans/milestone.html", {"page": page, "milestone": page.milestone})


@staff_view(Permission.USE_STAFF_AREA)
@require_POST
def milestone_done(request, milestone_id: int):
    found = queries.milestone_or_404(scope_for(request.user), milestone_id)
    try:
        actions.mark_milestone_done(actor=request.user, milestone=found)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Milestone marked as done")
    return redirect("programme:project-milestone", found.pk)


@staff_view(WRITE)
def record_quarter(request, project_id: int):
    found = queries.writable_project_or_404(scope_for(request.user), project_id)
    form = QuarterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            quarter = actions.record_quarter(actor=request.user, project=found, **form.cleaned_data)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            over = quarter.spend - quarter.budget
            note = f": spend is £{over:,.2f} over budget" if over > 0 else ""
            messages.success(
                request,
                f"Budget and spend saved for the quarter from {quarter.quarter_start:%-d %B %Y}{note}",
            )
            return redirect("programme:project", found.pk)
    return _form_page(request, form, title="Record budget and spend for a quarter", project=found)


@staff_view(WRITE)
def new_status(request, project_id: int):
    found = queries.writable_project_or_404(scope_for(request.user), project_id)
    form = StatusForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.record_status(actor=request.user, project=found, **form.cleaned_data)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, "Status recorded")
            return redirect("programme:project", found.pk)
    return _form_page(request, form, title="Update the project's status", project=found)


@staff_view(WRITE)
def new_risk(request, project_id: int):
    scope = scope_for(request.user)
    found = queries.writable_project_or_404(scope, project_id)
    form = RiskForm(request.POST or None, scope=scope)
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_risk(actor=request.user, project=found, **form.cleaned_data)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, "Risk added")
            return redirect("programme:project", found.pk)
    return _form_page(request, form, title="Add a risk", project=found)


@staff_view(WRITE)
@require_POST
def move_risk(request, risk_id: int):
    found = queries.writable_risk_or_404(scope_for(request.user), risk_id)
    try:
        moved = actions.move_risk(actor=request.user, risk=found, step=request.POST.get("step", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"The risk is now: {moved.get_status_display()}")
    return redirect("programme:project", found.project_id)


@staff_view(WRITE)
def new_evaluation(request, project_id: int):
    found = queries.writable_project_or_404(scope_for(request.user), project_id)
    form = EvaluationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_evaluation(actor=request.user, project=found, details=form.details())
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, "Evaluation recorded")
            return redirect("programme:project", found.pk)
    return _form_page(request, form, title="Record an evaluation", project=found, multipart=True)


@staff_view(Permission.VIEW_PROGRAMME)
def evaluation_report(request, project_id: int, evaluation_id: int):
    """An evaluation's report: always downloaded, never shown in the page; each download audited."""
    evaluation = queries.evaluation_report(scope_for(request.user), project_id, evaluation_id)
    try:
        handle = evaluation.report.open("rb")
    except FileNotFoundError:
        raise Http404("Not found") from None
    extension = (evaluation.report.name or "").rsplit(".", 1)[-1]
    response = FileResponse(
        handle,
        content_type=evaluation.report_content_type or "application/octet-stream",
        as_attachment=True,
        filename=f"evaluation-{evaluation.pk}.{extension}",
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
