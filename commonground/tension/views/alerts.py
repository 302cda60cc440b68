"""Tension alerts: the alerts sent to me (mark them read), and my subscriptions."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from commonground.core.access import scope_for
from commonground.core.form_helpers import add_action_errors
from commonground.core.roles import Permission
from commonground.core.views.staff import staff_view
from commonground.tension.actions import alerts as actions
from commonground.tension.forms.alerts import SubscriptionForm
from commonground.tension.queries import alerts as queries


@staff_view(Permission.VIEW_TENSION)
def alert_list(request):
    scope = scope_for(request.user)
    page = Paginator(queries.deliveries_for(scope), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "tension/alerts/list.html",
        {"page": page, "unread": queries.unread_alert_count(scope)},
    )


@staff_view(Permission.VIEW_TENSION)
@require_POST
def mark_read(request, delivery_id: int):
    delivery = queries.delivery_for(scope_for(request.user), delivery_id)
    actions.mark_alert_read(actor=request.user, delivery=delivery)
    messages.success(request, "Alert marked as read")
    return redirect("tension:alerts")


@staff_view(Permission.VIEW_TENSION)
def subscriptions(request):
    scope = scope_for(request.user)
    form = SubscriptionForm(scope, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.subscribe_to_alerts(actor=request.user, **form.subscription())
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, "Subscription saved")
            return redirect("tension:alert-subscriptions")
    return render(
        request,
        "tension/alerts/subscriptions.html",
        {"form": form, "subscriptions": queries.subscriptions_of(scope)},
    )


@staff_view(Permission.VIEW_TENSION)
@require_POST
def cancel_subscription(request, subscription_id: int):
    subscription = queries.subscription_for(scope_for(request.user), subscription_id)
    actions.cancel_alert_subscription(actor=request.user, subscription=subscription)
    messages.success(request, "Subscription cancelled")
    return redirect("tension:alert-subscriptions")
