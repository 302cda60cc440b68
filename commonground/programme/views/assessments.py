"""A borough's self-assessment: the list, starting one, its page, answering a dimension (with
evidence files and optimistic locking), submitting it, moderating each dimension, and opening an
evidence file."""

from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from commonground.core.access import scope_for
from commonground.core.conflicts import ConflictError
from commonground.core.form_helpers import add_action_errors, form_after_conflict
from commonground.core.roles import Permission
from commonground.core.views.staff import staff_view
from commonground.programme import assessment_workflow as workflow
from commonground.programme.actions.assessment_moderation import moderate_dimension
from commonground.programme.actions.assessments import (
    AlreadyAssessed,
    remove_evidence,
    save_dimension,
    start_assessment,
    submit_assessment,
)
from commonground.programme.forms.assessments import (
    DimensionForm,
    ModerationForm,
    StartAssessmentForm,
    VersionForm,
)
from commonground.programme.queries import assessments as queries
from commonground.programme.queries.assessment_evidence import product_evidence

DETAIL = "programme:assessment-detail"


def _can_complete(scope, assessment) -> bool:
    return (
        scope.can(Permission.COMPLETE_SELF_ASSESSMENTS)
        and scope.covers_area(assessment.borough_id)
        and assessment.status in workflow.EDITABLE
    )


@staff_view(Permission.VIEW_PROGRAMME)
def assessment_list(request):
    scope = scope_for(request.user)
    page = Paginator(queries.assessments_visible_to(scope), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "programme/assessments/list.html",
        {"page": page, "can_start": scope.can(Permission.COMPLETE_SELF_ASSESSMENTS)},
    )


@staff_view(Permission.COMPLETE_SELF_ASSESSMENTS)
def start(request):
    """Start a draft for a borough and period. A period already assessed is refused with a link to
    the existing assessment, and what was typed is kept."""
    scope = scope_for(request.user)
    boroughs = list(queries.boroughs_to_assess(scope))
    existing = None
    if request.method == "POST":
        form = StartAssessmentForm(boroughs, request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                assessment = start_assessment(
                    actor=request.user,
                    borough=data["borough"],
                    period_start=data["period_start"],
                    period_end=data["period_end"],
                )
            except AlreadyAssessed as error:
                existing = error.existing
                form.add_error(None, str(error))
            except ValidationError as error:
                add_action_errors(form, error)
            else:
                messages.success(request, f"Self-assessment started for {assessment.borough.name}")
                return redirect(DETAIL, assessment.pk)
    else:
        form = StartAssessmentForm(boroughs)
    return render(
        request,
        "programme/assessments/start.html",
        {"form": form, "existing": existing, "framework": queries.current_framework()},
    )


@staff_view(Permission.VIEW_PROGRAMME)
def detail(request, assessment_id: int):
    """Every dimension with its level descriptors, the borough's answer and, once moderated, the
    moderator's level and reason beside it."""
    scope = scope_for(request.user)
    assessment = queries.assessment_for(scope, assessment_id)
    rows = queries.dimension_rows(scope, assessment)
    return render(
        request,
        "programme/assessments/detail.html",
        {
            "assessment": assessment,
            "rows": rows,
            "can_complete": _can_complete(scope, assessment),
            "can_moderate": assessment.status == workflow.SUBMITTED
            and queries.may_moderate(scope, assessment),
            "own_borough": scope.can(Permission.MODERATE_SELF_ASSESSMENTS)
            and assessment.status == workflow.SUBMITTED
            and not queries.may_moderate(scope, assessment),
            "missing": [row for row in rows if row.missing],
        },
    )


@staff_view(Permission.COMPLETE_SELF_ASSESSMENTS)
def dimension(request, assessment_id: int, dimension_id: int):
    """The borough's answer on one dimension. A save after someone else's is refused, naming what
    they changed, and shows this person's answers again."""
    scope = scope_for(request.user)
    assessment = queries.assessment_for(scope, assessment_id)
    row = queries.dimension_row(scope, assessment, dimension_id)
    if not _can_complete(scope, assessment):
        messages.info(request, "This self-assessment can no longer be changed here.")
        return redirect(DETAIL, assessment.pk)
    conflict = None
    if request.method == "POST":
        form = DimensionForm(row.descriptors, request.POST, request.FILES)
        if form.is_valid():
            try:
                save_dimension(
                    actor=request.user,
                    assessment=assessment,
                    dimension=row.dimension,
                    expected_version=form.cleaned_data["version"],
                    answer=form.answer(),
                )
            except ConflictError as error:
                conflict = error
                form = form_after_conflict(
                    partial(DimensionForm, row.descriptors),
                    request.POST,
                    error,
                    then="Your answers are kept below (choose any file again). Save again to replace theirs",
                )
            except ValidationError as error:
                add_action_errors(form, error)
            else:
                messages.success(request, f"Saved: {row.dimension.title}")
                return redirect(f"{_detail_url(assessment)}#dimension-{row.dimension.position}")
    else:
        form = DimensionForm(row.descriptors, initial=DimensionForm.initial_for(row, assessment.version))
    return render(
        request,
        "programme/assessments/dimension.html",
        {
            "assessment": assessment,
            "row": row,
            "form": form,
            "conflict": conflict,
            # What the product already knows, offered beside the form as evidence.
            "evidence": product_evidence(
                scope, assessment.borough, assessment.period_start, assessment.period_end
            ),
        },
    )


def _detail_url(assessment) -> str:
    return reverse(DETAIL, args=[assessment.pk])


@staff_view(Permission.COMPLETE_SELF_ASSESSMENTS)
def submit(request, assessment_id: int):
    """Check and submit: what is missing is listed, each with a link to complete it."""
    scope = scope_for(request.user)
    assessment = queries.assessment_for(scope, assessment_id)
    if not _can_complete(scope, assessment):
        messages.info(request, "This self-assessment has already been submitted.")
        return redirect(DETAIL, assessment.pk)
    form = VersionForm(request.POST or None, initial={"version": assessment.version})
    if request.method == "POST" and form.is_valid():
        try:
            submit_assessment(
                actor=request.user, assessment=assessment, expected_version=form.cleaned_data["version"]
            )
        except ConflictError as error:
            form = form_after_conflict(
                VersionForm, request.POST, error, then="Check the answers, then submit"
            )
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, "Self-assessment submitted for moderation")
            return redirect(DETAIL, assessment.pk)
    rows = queries.dimension_rows(scope, assessment)
    return render(
        request,
        "programme/assessments/submit.html",
        {
            "assessment": assessment,
            "rows": rows,
            "missing": [row for row in rows if row.missing],
            "form": form,
        },
    )


@staff_view(Permission.MODERATE_SELF_ASSESSMENTS)
def moderate(request, assessment_id: int, dimension_id: int):
    """Agree or adjust the borough's level on one dimension. A moderator of the borough itself is
    refused, and told why."""
    scope = scope_for(request.user)
    assessment = queries.assessment_for(scope, assessment_id)
    row = queries.dimension_row(scope, assessment, dimension_id)
    if not queries.may_moderate(scope, assessment):
        return render(
            request, "programme/assessments/own_borough.html", {"assessment": assessment}, status=403
        )
    if assessment.status != workflow.SUBMITTED or row.score is None:
        messages.info(request, "Only a self-assessment submitted for moderation can be moderated.")
        return redirect(DETAIL, assessment.pk)
    moderation = row.moderation
    initial = {"level": moderation.level if moderation else row.score.level}
    if moderation:
        initial["reason"] = moderation.reason
    form = ModerationForm(row.descriptors, row.score.level, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            moderate_dimension(
                actor=request.user,
                assessment=assessment,
                dimension=row.dimension,
                level=form.cleaned_data["level"],
                reason=form.cleaned_data["reason"],
            )
        except PermissionDenied as refusal:
            form.add_error(None, str(refusal))
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, f"Moderated: {row.dimension.title}")
            return redirect(f"{_detail_url(assessment)}#dimension-{row.dimension.position}")
    return render(
        request,
        "programme/assessments/moderate.html",
        {"assessment": assessment, "row": row, "form": form},
    )


@staff_view(Permission.VIEW_PROGRAMME)
def evidence_file(request, evidence_id: int):
    """An evidence file, after the same check as its assessment's page (404 outside it); each
    opening audited. Always downloaded, never shown in the page."""
    evidence = queries.open_evidence_file(scope_for(request.user), evidence_id)
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError:
        raise Http404("Not found") from None
    extension = (evidence.file.name or "").rsplit(".", 1)[-1]
    response = FileResponse(
        handle,
        content_type=evidence.content_type or "application/octet-stream",
        as_attachment=True,
        filename=f"self-assessment-evidence-{evidence.pk}.{extension}",
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@staff_view(Permission.COMPLETE_SELF_ASSESSMENTS)
@require_POST
def remove_evidence_item(request, evidence_id: int):
    """Take an item of evidence off a draft, from its dimension's page."""
    scope = scope_for(request.user)
    evidence = queries.evidence_for(scope, evidence_id)
    assessment = evidence.score.assessment
    back = reverse("programme:assessment-dimension", args=[assessment.pk, evidence.score.dimension_id])
    form = VersionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "The evidence was not removed: open the page again and retry.")
        return redirect(back)
    try:
        remove_evidence(actor=request.user, evidence=evidence, expected_version=form.cleaned_data["version"])
    except ConflictError as error:
        messages.error(request, f"{error}. The evidence was not removed: check it below, then retry.")
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(request, "Evidence removed")
    return redirect(back)
