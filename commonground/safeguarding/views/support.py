"""Staff pages of the support part of casework, for coordinators: an adopted case's support plan
(interventions, progress notes, actions), consent withdrawn, exit, exit reviews and transfer to
another borough. Thin adapters: parse the form, call one action, render."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from commonground.core.access import scope_for
from commonground.core.conflicts import ConflictError
from commonground.core.form_helpers import add_action_errors, form_after_conflict
from commonground.core.roles import Permission
from commonground.safeguarding import queries, workflow
from commonground.safeguarding.actions import exit_and_transfer, support
from commonground.safeguarding.forms.support import (
    EndOfSupportForm,
    ExitReviewForm,
    InterventionForm,
    InterventionStatusForm,
    PlanActionForm,
    ProgressNoteForm,
    TransferForm,
)
from commonground.safeguarding.views.referral_pages import referral_page

# --- The support plan page and its forms -----------------------------------------------------------


def _plan_page(request, referral_id: int, *, error_form=None, failed_for=None, status=200):
    """The plan page; after a refused form, that form again with its errors (`failed_for` names the
    intervention a status or note form belonged to)."""
    scope = scope_for(request.user)
    plan = queries.open_support_plan(scope, referral_id)
    intervention_form = InterventionForm(scope=scope)
    action_form = PlanActionForm(scope=scope)
    if isinstance(error_form, InterventionForm):
        intervention_form = error_form
    elif isinstance(error_form, PlanActionForm):
        action_form = error_form
    rows = []
    for intervention in plan.interventions:
        status_form = InterventionStatusForm(
            initial={"status": intervention.status}, auto_id=f"status-{intervention.pk}-%s"
        )
        note_form = ProgressNoteForm(auto_id=f"note-{intervention.pk}-%s")
        if failed_for == intervention.pk and isinstance(error_form, InterventionStatusForm):
            status_form = error_form
        elif failed_for == intervention.pk and isinstance(error_form, ProgressNoteForm):
            note_form = error_form
        rows.append((intervention, status_form, note_form))
    context = {
        "plan": plan,
        "referral": plan.referral,
        "rows": rows,
        "exit_reviews": [(review, _too_early(review)) for review in plan.exit_reviews],
        "intervention_form": intervention_form,
        "action_form": action_form,
        "error_form": error_form,
        "has_errors": error_form is not None and bool(error_form.errors),
    }
    return render(request, "safeguarding/support/plan.html", context, status=status)


def _too_early(review) -> str:
    """Why an open exit review cannot be completed yet (its window has not opened), or ""."""
    if review.completed_at is not None:
        return ""
    return workflow.review_too_early(
        months_after_exit=review.months_after_exit, due_on=review.due_on, today=timezone.localdate()
    )


def _done(request, referral, message: str):
    messages.success(request, message)
    return redirect("safeguarding:support-plan", referral.pk)


@referral_page(Permission.MANAGE_CASES)
def plan(request, referral_id: int):
    return _plan_page(request, referral_id)


@referral_page(Permission.MANAGE_CASES)
@require_POST
def add_intervention(request, referral_id: int):
    scope = scope_for(request.user)
    referral = queries.support_case_for(scope, referral_id)
    form = InterventionForm(request.POST, scope=scope)
    if form.is_valid():
        try:
            support.add_intervention(actor=request.user, referral=referral, **form.cleaned_data)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            return _done(request, referral, "Intervention added to the plan")
    return _plan_page(request, referral_id, error_form=form)


@referral_page(Permission.MANAGE_CASES)
@require_POST
def change_intervention_status(request, referral_id: int, intervention_id: int):
    referral = queries.support_case_for(scope_for(request.user), referral_id)
    form = InterventionStatusForm(request.POST, auto_id=f"status-{intervention_id}-%s")
    if form.is_valid():
        try:
            support.change_intervention_status(
                actor=request.user, referral=referral, intervention_id=intervention_id, **form.cleaned_data
            )
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            return _done(request, referral, "Status of the intervention changed")
    return _plan_page(request, referral_id, error_form=form, failed_for=intervention_id)


@referral_page(Permission.MANAGE_CASES)
@require_POST
def add_progress_note(request, referral_id: int, intervention_id: int):
    referral = queries.support_case_for(scope_for(request.user), referral_id)
    form = ProgressNoteForm(request.POST, auto_id=f"note-{intervention_id}-%s")
    if form.is_valid():
        try:
            support.add_progress_note(
                actor=request.user, referral=referral, intervention_id=intervention_id, **form.cleaned_data
            )
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            return _done(request, referral, "Progress note added")
    return _plan_page(request, referral_id, error_form=form, failed_for=intervention_id)


@referral_page(Permission.MANAGE_CASES)
@require_POST
def add_plan_action(request, referral_id: int):
    scope = scope_for(request.user)
    referral = queries.support_case_for(scope, referral_id)
    form = PlanActionForm(request.POST, scope=scope)
    if form.is_valid():
        try:
            support.add_plan_action(actor=request.user, referral=referral, **form.cleaned_data)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            return _done(request, referral, "Action added to the plan")
    return _plan_page(request, referral_id, error_form=form)


@referral_page(Permission.MANAGE_CASES)
@require_POST
def mark_plan_action_done(request, referral_id: int, action_id: int):
    referral = queries.support_case_for(scope_for(request.user), referral_id)
    try:
        support.mark_plan_action_done(actor=request.user, referral=referral, action_id=action_id)
    except ValidationError as error:
        form = forms.Form(request.POST)
        add_action_errors(form, error)
        return _plan_page(request, referral_id, error_form=form)
    return _done(request, referral, "Action marked as done")


# --- How support ends: consent withdrawn, exit, exit reviews ----------------------------------------

CONSENT_WITHDRAWN = {
    "title": "Record that consent was withdrawn",
    "intro": (
        "Support is voluntary. Recording this stops the plan: every planned or under-way intervention "
        "is stopped, support ends and exit reviews are scheduled for 6 and 12 months later."
    ),
    "button": "Record consent withdrawn",
    "action": exit_and_transfer.record_consent_withdrawn,
    "step": workflow.CONSENT_WITHDRAWN,
    "done": "Consent withdrawn recorded: the support plan has stopped and exit reviews are scheduled",
    "labels": {
        "date_label": "Date consent was withdrawn",
        "date_message": "Enter the date consent was withdrawn",
        "reasons_label": "Reasons consent was withdrawn",
        "reasons_message": "Give the reasons consent was withdrawn",
    },
}
CLOSE_CASE = {
    "title": "End support (exit)",
    "intro": (
        "Ending support closes the case. Any intervention still planned or under way is stopped, and "
        "reviews are scheduled for 6 and 12 months after the exit date."
    ),
    "button": "End support",
    "action": exit_and_transfer.close_case,
    "step": workflow.SUPPORT_ENDED,
    "done": "Support ended: reviews are scheduled for 6 and 12 months after the exit date",
    "labels": {
        "date_label": "Exit date",
        "date_message": "Enter the exit date",
        "reasons_label": "Reasons support is ending",
        "reasons_message": "Give the reasons support is ending",
    },
}


def _end_of_support(request, referral_id: int, page: dict):
    scope = scope_for(request.user)
    referral = (
        queries.open_support_plan(scope, referral_id).referral
        if request.method == "GET"
        else queries.support_case_for(scope, referral_id)
    )
    form = EndOfSupportForm(request.POST or None, **page["labels"])
    if request.method == "POST" and form.is_valid():
        try:
            page["action"](actor=request.user, referral=referral, **form.cleaned_data)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            return _done(request, referral, page["done"])
    return render(
        request,
        "safeguarding/support/end.html",
        {
            "referral": referral,
            "form": form,
            "page": page,
            "adopted": workflow.can(referral.status, page["step"]),
        },
    )


@referral_page(Permission.MANAGE_CASES)
def record_consent_withdrawn(request, referral_id: int):
    return _end_of_support(request, referral_id, CONSENT_WITHDRAWN)


@referral_page(Permission.MANAGE_CASES)
def close_case(request, referral_id: int):
    return _end_of_support(request, referral_id, CLOSE_CASE)


@referral_page(Permission.MANAGE_CASES)
def complete_exit_review(request, referral_id: int, review_id: int):
    scope = scope_for(request.user)
    referral = queries.support_case_for(scope, referral_id)
    review = queries.exit_review_for(scope, referral, review_id)
    form = ExitReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            exit_and_transfer.complete_exit_review(
                actor=request.user, referral=referral, review_id=review.pk, **form.cleaned_data
            )
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            return _done(request, referral, f"{review.months_after_exit}-month review completed")
    return render(
        request,
        "safeguarding/support/review.html",
        {"referral": referral, "review": review, "form": form, "too_early": _too_early(review)},
    )


# --- Transfer ----------------------------------------------------------------------------------------


@referral_page(Permission.MANAGE_CASES)
def transfer(request, referral_id: int):
    """Hand the case to another borough. Afterwards this coordinator may no longer see it (unless
    their areas cover the new borough), so success goes back to the list."""
    scope = scope_for(request.user)
    referral = (
        queries.open_support_plan(scope, referral_id).referral
        if request.method == "GET"
        else queries.support_case_for(scope, referral_id)
    )
    conflict = None
    if request.method == "POST":
        form = TransferForm(request.POST, referral=referral)
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                event = exit_and_transfer.transfer_case(
                    actor=request.user,
                    referral=referral,
                    expected_version=data.pop("version"),
                    **data,
                )
            except ConflictError as error:
                conflict = error
                form = form_after_conflict(
                    TransferForm,
                    request.POST,
                    error,
                    then="Check the referral, then transfer again if it is still right.",
                    referral=referral,
                )
            except ValidationError as error:
                add_action_errors(form, error)
            else:
                messages.success(
                    request,
                    f"Referral {referral.pk} transferred to {event.to_borough}. "
                    "Its coordinators now hold the case.",
                )
                return redirect("safeguarding:list")
    else:
        form = TransferForm(initial={"version": referral.version}, referral=referral)
    return render(
        request,
        "safeguarding/support/transfer.html",
        {
            "referral": referral,
            "form": form,
            "conflict": conflict,
            "adopted": workflow.can(referral.status, workflow.TRANSFERRED),
        },
    )
