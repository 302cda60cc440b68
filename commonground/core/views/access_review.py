"""Emergency ("break-glass") access for staff who hold BREAK_GLASS, and the data protection
officer's access review (REVIEW_ACCESS; anyone else gets "not found", so the pages are not
revealed)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from commonground.core import queries_access_review as queries
from commonground.core.access import scope_for
from commonground.core.actions import access_review as actions
from commonground.core.form_helpers import add_action_errors
from commonground.core.forms_access_review import (
    BreakGlassForm,
    BreakGlassReviewForm,
    MarkReviewedForm,
    WeekForm,
)
from commonground.core.roles import Permission
from commonground.core.views.staff import staff_view


def officer_page(view):
    """Signed in and reviewing access; anyone else "not found"."""

    @login_required
    def wrapped(request, *args, **kwargs):
        if not scope_for(request.user).can(Permission.REVIEW_ACCESS):
            raise Http404("Not found")
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


@staff_view(Permission.BREAK_GLASS)
def break_glass(request):
    form = BreakGlassForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            grant, url = actions.open_in_emergency(
                actor=request.user,
                reference=form.cleaned_data["reference"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(
                request,
                f"You may open {grant.record_reference} until "
                f"{timezone.localtime(grant.expires_at):%H:%M}. Its owners have been told.",
            )
            return redirect(url)
    return render(
        request,
        "core/break_glass.html",
        {"form": form, "kinds": queries.kinds_of_record_for_break_glass(scope_for(request.user))},
    )


@officer_page
def access_review(request):
    scope = scope_for(request.user)
    form = WeekForm(request.GET or None)
    week = form.cleaned_data["week"] if form.is_bound and form.is_valid() else timezone.localdate()
    review = queries.access_review_week(scope, week)
    return render(
        request,
        "core/access_review.html",
        {"form": form, "review": review, "mark_form": MarkReviewedForm()},
    )


@officer_page
@require_POST
def mark_reviewed(request):
    form = MarkReviewedForm(request.POST)
    week = request.POST.get("week", "")
    back = f"{reverse('core:access-review')}?week={week}"
    if not form.is_valid():
        messages.error(request, "Write a note of what you found before marking it reviewed")
        return redirect(back)
    try:
        mark = actions.mark_reviewed(
            actor=request.user,
            person_id=form.cleaned_data["person"],
            week=form.cleaned_data["week"],
            item=form.cleaned_data["item"],
            note=form.cleaned_data["note"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{mark.get_item_display()} marked reviewed")
    return redirect(back)


@officer_page
def break_glass_review(request, grant_id: int):
    scope = scope_for(request.user)
    grant = queries.break_glass_use(scope, grant_id)
    form = BreakGlassReviewForm(
        request.POST or None, initial={"outcome": grant.outcome or None, "note": grant.review_note}
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.review_break_glass(
                actor=request.user,
                grant_id=grant.pk,
                outcome=form.cleaned_data["outcome"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(
                request, f"Your review of the emergency access to {grant.record_reference} is saved"
            )
            week = queries.week_starting(timezone.localdate(grant.opened_at))
            return redirect(f"{reverse('core:access-review')}?week={week.isoformat()}")
    return render(request, "core/break_glass_review.html", {"form": form, "grant": grant})
