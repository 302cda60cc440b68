"""The panel's decision, payments against an award, and the monitoring reports' page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from commonground.core.access import scope_for
from commonground.core.form_helpers import add_action_errors
from commonground.core.roles import Permission
from commonground.core.views.staff import staff_view
from commonground.grants.actions import decisions, payments
from commonground.grants.forms.staff_applications import DecisionForm, PaymentForm
from commonground.grants.queries import staff_applications as queries
from commonground.grants.queries import staff_monitoring, staff_rounds


@staff_view(Permission.DECIDE_GRANTS)
def decide(request, application_id: int):
    scope = scope_for(request.user)
    found = queries.application_or_404(scope, application_id)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            made = decisions.decide(actor=request.user, application=found, **form.decision())
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(
                request,
                f"Decision recorded: {made.get_outcome_display().lower()}. The group has been emailed the outcome and reasons",
            )
            return redirect("grants:staff-application", found.pk)
    money = staff_rounds.round_money(found.grant_round)
    return render(request, "grants/staff/decide.html", {"form": form, "application": found, "money": money})


@staff_view(Permission.MANAGE_GRANTS)
def record_payment(request, application_id: int):
    scope = scope_for(request.user)
    found = queries.application_or_404(scope, application_id)
    form = PaymentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            payments.record_payment(actor=request.user, application=found, **form.cleaned_data)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, "Payment recorded")
            return redirect("grants:staff-application", found.pk)
    return render(
        request,
        "grants/staff/payment.html",
        {"form": form, "application": found, "page": queries.open_application(scope, found.pk)},
    )


@staff_view(Permission.MANAGE_GRANTS)
def monitoring(request):
    scope = scope_for(request.user)
    return render(
        request, "grants/staff/monitoring.html", {"lists": staff_monitoring.monitoring_lists(scope)}
    )


@staff_view(Permission.MANAGE_GRANTS)
@require_POST
def mark_reviewed(request, report_id: int):
    scope = scope_for(request.user)
    report = staff_monitoring.report_or_404(scope, report_id)
    try:
        payments.mark_report_reviewed(actor=request.user, report=report)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Monitoring report marked as reviewed")
    return redirect("grants:staff-monitoring")
