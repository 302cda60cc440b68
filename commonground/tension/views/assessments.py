"""Tension assessments: the list, recording one beside its evidence, an assessment's page with its
history, and amending it (with optimistic locking)."""

from datetime import date, timedelta
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone

from commonground.core.access import scope_for
from commonground.core.conflicts import ConflictError
from commonground.core.form_helpers import add_action_errors, form_after_conflict, parse_day
from commonground.core.models import Area
from commonground.core.roles import Permission
from commonground.core.views.staff import staff_view
from commonground.tension.actions.assessments import (
    FUTURE_WEEK,
    AlreadyAssessed,
    amend_assessment,
    record_assessment,
)
from commonground.tension.baseline import week_starting
from commonground.tension.forms.assessments import AmendAssessmentForm, AssessmentForm
from commonground.tension.models import AssessmentKind, Indicator
from commonground.tension.queries import assessments as queries
from commonground.tension.queries.evidence import evidence_for

# The list without an area shows this many weeks; an area's page shows its whole history.
RECENT_WEEKS = 12


@staff_view(Permission.VIEW_TENSION)
def assessment_list(request):
    scope = scope_for(request.user)
    """The last 12 weeks' assessments in scope; with `?area=`, one area's whole history."""
    area = queries.area_in_scope(scope, request.GET.get("area", ""))
    since = None if area else week_starting(timezone.localdate()) - timedelta(weeks=RECENT_WEEKS - 1)
    assessments = queries.assessments_visible_to(scope, area=area, since=since)
    page = Paginator(assessments, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "tension/assessments/list.html",
        {
            "page": page,
            "area": area,
            "since": since,
            "areas": queries.assessable_areas(scope),
            "can_assess": scope.can(Permission.ASSESS_TENSION),
        },
    )


def _chosen_in_query(scope, request) -> tuple[dict[str, Any], list[dict[str, str]], Area | None, date]:
    """The area and week named in the query string (from the dashboard or an alert): the form's
    starting values, and any problem with them to show as errors."""
    problems = []
    code = request.GET.get("area", "").strip()
    area = queries.area_in_scope(scope, code) if code else None
    if code and area is None:
        problems.append(
            {
                "href": "#id_area",
                "message": f"There is no borough or ward with the code {code[:20]} in your areas",
            }
        )
    text = request.GET.get("week", "").strip()
    week = parse_day(text) if text else None
    if text and week is None:
        problems.append(
            {"href": "#id_week", "message": "Enter the date as day/month/year, for example 16/11/2026"}
        )
    elif week is not None:
        week = week_starting(week)
        if week > week_starting(timezone.localdate()):
            problems.append({"href": "#id_week", "message": FUTURE_WEEK})
            week = None
    initial: dict[str, Any] = {"kind": AssessmentKind.WEEKLY, "week": week_starting(timezone.localdate())}
    if area is not None:
        initial["area"] = area.code
    if week is not None:
        initial["week"] = week
    return initial, problems, area, week or initial["week"]


@staff_view(Permission.ASSESS_TENSION)
def new_assessment(request):
    """Record an assessment with its evidence beside it. A period already assessed is refused with
    a link to amend the existing assessment."""
    scope = scope_for(request.user)
    initial, problems, area, week = _chosen_in_query(scope, request)
    existing = None
    if request.method == "POST":
        form = AssessmentForm(scope, request.POST)
        problems = []
        if form.is_valid():
            data = form.cleaned_data
            try:
                assessment = record_assessment(
                    actor=request.user,
                    area=data["area"],
                    week_starting_on=data["week"],
                    kind=data["kind"],
                    trigger_event=data["trigger_event"],
                    details=form.details(),
                )
            except AlreadyAssessed as error:
                existing = error.existing
                form.add_error(None, str(error))
            except ValidationError as error:
                add_action_errors(form, error)
            else:
                messages.success(request, f"Assessment recorded for {assessment.area.name}")
                return redirect("tension:assessment", assessment.pk)
        area = form.cleaned_data.get("area") or area
        week = form.cleaned_data.get("week") or week
    else:
        form = AssessmentForm(scope, initial=initial)
        if area is not None:
            existing = queries.existing_assessment(
                scope, area=area, week_starting_on=week, kind=AssessmentKind.WEEKLY
            )
    evidence = evidence_for(scope, area, week) if area is not None else None
    return render(
        request,
        "tension/assessments/new.html",
        {
            "form": form,
            "problems": problems,
            "existing": existing,
            "evidence": evidence,
            "has_errors": bool(problems or form.errors),
        },
        status=400 if problems else 200,
    )


@staff_view(Permission.VIEW_TENSION)
def assessment(request, assessment_id: int):
    scope = scope_for(request.user)
    found = queries.assessment_for(scope, assessment_id)
    return render(
        request,
        "tension/assessments/assessment.html",
        {
            "assessment": found,
            "indicator_labels": [
                Indicator(value).label for value in found.indicators if value in Indicator.values
            ],
            "can_assess": scope.can(Permission.ASSESS_TENSION),
            "can_create_actions": scope.can(Permission.MANAGE_RESPONSE_ACTIONS),
        },
    )


@staff_view(Permission.ASSESS_TENSION)
def amend(request, assessment_id: int):
    """Amend an assessment. If someone else amended it since this form was opened, refuse, say so,
    and keep what this analyst typed."""
    scope = scope_for(request.user)
    current = queries.assessment_for(scope, assessment_id)
    conflict = None
    if request.method == "POST":
        form = AmendAssessmentForm(request.POST)
        if form.is_valid():
            try:
                amend_assessment(
                    actor=request.user,
                    assessment=current,
                    expected_revision=form.cleaned_data["revision"],
                    details=form.details(),
                    reason=form.cleaned_data["reason"],
                )
            except ConflictError as error:
                conflict = error
                form = form_after_conflict(AmendAssessmentForm, request.POST, error, version_field="revision")
            except ValidationError as error:
                add_action_errors(form, error)
            else:
                messages.success(request, "Assessment amended. The earlier version is kept in its history.")
                return redirect("tension:assessment", current.pk)
    else:
        form = AmendAssessmentForm(initial=AmendAssessmentForm.initial_for(current))
    return render(
        request,
        "tension/assessments/amend.html",
        {
            "form": form,
            "assessment": current,
            "conflict": conflict,
            "evidence": evidence_for(scope, current.area, current.week_starting_on),
        },
    )
