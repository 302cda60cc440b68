"""The data protection officer's pages of retention: records past their retention period, each
confirmed for erasure (with a reason, on a confirmation page) or held (with a reason and a date).
Without ACCESS_OUTSIDE_SCOPE these pages answer 404, like the outside-scope page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from commonground.core.access import scope_for
from commonground.core.form_helpers import add_action_errors
from commonground.core.roles import Permission
from commonground.core.views.staff import staff_view
from commonground.safeguarding import queries
from commonground.safeguarding.actions import retention as actions
from commonground.safeguarding.forms.retention import ConfirmErasureForm, HoldForm
from commonground.safeguarding.queries import retention as retention_queries


def _officer_scope(request):
    scope = scope_for(request.user)
    queries.may_open_outside_scope_or_404(scope)
    return scope


@staff_view(Permission.USE_STAFF_AREA)
def review_list(request):
    scope = _officer_scope(request)
    return render(
        request,
        "safeguarding/retention/list.html",
        {
            "to_confirm": retention_queries.reviews_to_confirm(scope),
            "held": retention_queries.reviews_held(scope),
            "erased": retention_queries.reviews_erased(scope)[:50],
        },
    )


@staff_view(Permission.USE_STAFF_AREA)
def confirm(request, review_id: int):
    scope = _officer_scope(request)
    review = retention_queries.review_for(scope, review_id)
    form = ConfirmErasureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.confirm_erasure(actor=request.user, review=review, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, f"Personal details of referral {review.referral_id} erased")
            return redirect("safeguarding:retention")
    return render(request, "safeguarding/retention/confirm.html", {"form": form, "review": review})


@staff_view(Permission.USE_STAFF_AREA)
def hold(request, review_id: int):
    scope = _officer_scope(request)
    review = retention_queries.review_for(scope, review_id)
    form = HoldForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.hold(
                actor=request.user,
                review=review,
                held_until=form.cleaned_data["held_until"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, f"Referral {review.referral_id} held")
            return redirect("safeguarding:retention")
    return render(request, "safeguarding/retention/hold.html", {"form": form, "review": review})
